package bot

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ClientOptions configures the connection to the Bot API.
type ClientOptions struct {
	Token          string
	Endpoint       string        // base URL such as http://127.0.0.1:8081; empty = api.telegram.org
	RequestTimeout time.Duration // for every call but getUpdates
	PollTimeout    time.Duration // long-poll duration; getUpdates gets this plus RequestTimeout
}

// NewClient connects to the Bot API and checks the token with getMe. The returned client's
// HTTP calls stop when ctx is cancelled, carry timeouts, and never put the token in an error.
func NewClient(ctx context.Context, o ClientOptions) (*tgbotapi.BotAPI, error) {
	endpoint := tgbotapi.APIEndpoint
	if o.Endpoint != "" {
		endpoint = strings.TrimRight(o.Endpoint, "/") + "/bot%s/%s"
	}
	hc := &httpClient{
		ctx:     ctx,
		token:   tokenPattern(o.Token),
		timeout: o.RequestTimeout,
		poll:    o.PollTimeout + o.RequestTimeout,
		client: &http.Client{Transport: &http.Transport{
			Proxy:               http.ProxyFromEnvironment,
			DialContext:         (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout: 10 * time.Second,
			MaxIdleConnsPerHost: 64,
			IdleConnTimeout:     90 * time.Second,
		}},
	}
	api, err := tgbotapi.NewBotAPIWithClient(o.Token, endpoint, hc)
	if err != nil {
		return nil, fmt.Errorf("connect to the Bot API (getMe): %w", err)
	}
	return api, nil
}

// httpClient gives each Bot API call a deadline and the service's context, and strips the
// token (which tgbotapi puts in every URL) from transport errors before anyone logs them.
type httpClient struct {
	ctx     context.Context
	token   *regexp.Regexp // every spelling of the bot's token
	timeout time.Duration
	poll    time.Duration
	client  *http.Client
}

func (c *httpClient) Do(req *http.Request) (*http.Response, error) {
	timeout := c.timeout
	if strings.HasSuffix(req.URL.Path, "/getUpdates") {
		timeout = c.poll
	}
	ctx, cancel := context.WithTimeout(c.ctx, timeout)
	resp, err := c.client.Do(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, c.redact(err)
	}
	// The deadline must cover reading the body, which tgbotapi does after Do returns.
	// A small buffer: only the first byte is peeked, and larger reads bypass the buffer
	// (the default 4 KiB a send was a fifth of all the memory sending allocated).
	body := bufio.NewReaderSize(resp.Body, 16)
	resp.Body = &cancelOnClose{Reader: body, closer: resp.Body, cancel: cancel}
	// A file download (/file/bot…) is the file itself; every other answer is the API's JSON.
	if start, _ := body.Peek(1); !strings.Contains(req.URL.Path, "/file/bot") && (len(start) == 0 || start[0] != '{') {
		// Not the Bot API's JSON (a proxy's error page, an empty 502): tgbotapi would report
		// an empty or cryptic reason, so say what the server answered.
		snippet, _ := io.ReadAll(io.LimitReader(body, 200))
		resp.Body.Close()
		return nil, fmt.Errorf("%w: HTTP %s: %q", ErrNotBotAPI, resp.Status, redactToken(c.token, strings.TrimSpace(string(snippet))))
	}
	return resp, nil
}

// ErrNotBotAPI is an answer that is not the Bot API's JSON.
var ErrNotBotAPI = errors.New("the Bot API endpoint answered something that is not the Bot API")

// redact strips the token from a transport error, keeping what errors.Is needs (a
// context's deadline, a refused connection) when the token is only in the URL.
func (c *httpClient) redact(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = &url.Error{Op: ue.Op, URL: redactToken(c.token, ue.URL), Err: ue.Err}
	}
	if text := err.Error(); redactToken(c.token, text) != text {
		return errors.New(redactToken(c.token, text))
	}
	return err
}

type cancelOnClose struct {
	io.Reader
	closer io.Closer
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.closer.Close()
	c.cancel()
	return err
}

// APIError is the Bot API's answer to a failed call, as tgbotapi reports it.
func APIError(err error) (*tgbotapi.Error, bool) {
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		return te, true
	}
	var tv tgbotapi.Error
	if errors.As(err, &tv) {
		return &tv, true
	}
	return nil, false
}
