package identity

import (
	_ "embed" // the common-password list
	"strings"
	"unicode"
	"unicode/utf8"
)

// commonPasswords is the bundled list of common passwords (written by
// commongen): lower-case, one per line, sorted byte-wise and unique.
//
//go:embed common_passwords.txt
var commonPasswords string

// minCommonBase is the shortest word that, with digits or symbols around it,
// still counts as a common password ("Abc12345" is caught by the list itself).
const minCommonBase = 4

// IsCommonPassword reports whether pw is a common password or is built on
// one. It compares case-insensitively: the whole password, then the password
// without the digits and symbols people add around a word (Password123! and
// 2024Password count as "password"), then that word with the usual letter
// substitutions undone (P@ssw0rd counts as "password").
func IsCommonPassword(pw string) bool {
	lower := strings.ToLower(pw)
	if inSortedLines(commonPasswords, lower) || inSortedLines(commonPasswords, strings.TrimRightFunc(lower, isSymbol)) {
		return true
	}
	for _, base := range []string{strings.TrimRightFunc(lower, notLetter), strings.TrimFunc(lower, notLetter)} {
		if utf8.RuneCountInString(base) < minCommonBase {
			continue
		}
		for _, c := range []string{base, unleet(base, 'i'), unleet(base, 'l')} {
			if inSortedLines(commonPasswords, c) {
				return true
			}
		}
	}
	return false
}

// CommonPasswordCount is how many passwords the bundled list holds.
func CommonPasswordCount() int { return strings.Count(commonPasswords, "\n") }

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

func isSymbol(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

// unleet undoes the usual letter substitutions; one is read as i or l.
func unleet(s string, one rune) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '0':
			return 'o'
		case '1':
			return one
		case '3':
			return 'e'
		case '4', '@':
			return 'a'
		case '5', '$':
			return 's'
		case '7', '+':
			return 't'
		case '!':
			return 'i'
		}
		return r
	}, s)
}

// inSortedLines reports whether s is one of the lines of list, whose lines
// are sorted byte-wise, by binary search over the text itself.
func inSortedLines(list, s string) bool {
	lo, hi := 0, len(list) // the lines starting in [lo, hi) are still candidates
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := lo + strings.LastIndexByte(list[lo:mid], '\n') + 1
		end := strings.IndexByte(list[start:], '\n')
		if end < 0 {
			end = len(list)
		} else {
			end += start
		}
		switch line := list[start:end]; {
		case line == s:
			return true
		case line < s:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}
