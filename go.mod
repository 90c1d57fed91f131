module github.com/loa-vn/loa

go 1.26.8
