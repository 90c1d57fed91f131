//go:build !unix

package web

// descriptorLimit: Windows has no per-process descriptor limit of this kind; its sockets are
// bounded by memory, so the default bound is what 10,000 connections need.
func descriptorLimit() int { return 13_334 }
