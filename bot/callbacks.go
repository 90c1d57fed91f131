package bot

import "regexp"

// callbackShapes are the forms of every button's data the bot makes. A press whose data has
// another form (an old keyboard, a forged or truncated callback) is answered as a stale button
// before any handler reads its fields, so handlers can index fields without checking again.
var callbackShapes = regexp.MustCompile(`^(?:` +
	`r:[al]:\d{1,18}:\d{1,4}|r:u:\d{1,18}|r:r:\d{1,18}:(?:leader|officer|militia)` + // registration
	`|a:(?:ok|no):-?\d{1,18}(?::\d{1,18}:(?:leader|officer|militia|group))?` + // approval (of that unit and role)
	`|t:[\w-]{1,50}` + // topic toggle
	`|bc:(?:cancel|all|next|back|when|preview|edit|send)|bc:[tr]:[\w-]{1,50}|bc:page:\d{1,4}|bc:u:\d{1,18}:\d{1,4}` +
	`|bc:o:(?:urgent|ack|exercise)|bc:x:\d{1,18}` + // broadcast dialogue
	`|ed:(?:cancel|skip|save)|ed:k:[a-z_]{1,30}` + // event dialogue
	`|rp:[rcxX]:\d{1,18}` + // report
	`|ask:\d{1,18}:\d{1,6}` + // more answers
	`|ev:c:\d{1,18}` + // schedule an article's event
	`|ackd?:\d{1,18}` + // acknowledgement
	`|dc:[sx]:\d{1,18}|dt:\d{1,18}` + // a document's sending, its tasks done
	`|iv:[au]:\d{1,18}|iv:r:\d{1,18}:(?:leader|officer|militia)` + // invites by buttons
	`|noop` +
	`)$`)

// validCallback reports whether data has one of the forms the bot makes.
func validCallback(data string) bool { return callbackShapes.MatchString(data) }
