// Package alertlive holds the end-to-end test of escalation alerts: a
// ticket escalated in a real Request Tracker reaches an L2 engineer's
// desktop as one notification on a real notification server (dunst in the
// test session's private D-Bus). It has only tests.
package alertlive
