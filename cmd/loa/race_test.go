//go:build race

package main

// raceDetector: under -race each test takes several times the CPU, so more of them at once
// would stretch the waits the tests bound (a reply within 10 s) instead of filling idle cores.
const raceDetector = true
