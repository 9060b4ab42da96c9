// Package archtest checks the house rules that code review would otherwise
// have to catch: which packages may import what.
package archtest
