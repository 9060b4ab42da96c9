// Command commongen writes common_passwords.txt, the list of common passwords
// that the password policy refuses: one lower-case password per line, sorted
// byte-wise and unique, so that identity.IsCommonPassword can binary-search
// it in place.
//
// The list is put together from what every published list of leaked
// passwords agrees on: the most used passwords of the yearly top lists
// (SplashData, NordPass, the RockYou and Have I Been Pwned top entries),
// keyboard walks and digit runs, and the words, names, teams and places those
// lists are full of, each on its own and with the endings people add to
// satisfy a policy ("1", "123", "!", a year). From the repository's root:
//
//	go run ./internal/identity/commongen > internal/identity/common_passwords.txt
//
// A test checks that the committed list is what this command writes.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// endings are what people append to a word to meet a password policy.
var endings = []string{"", "1", "12", "123", "1234", "12345", "123456", "!", "1!", "123!", "01", "007", "69", "99",
	"2020", "2021", "2022", "2023", "2024", "2025", "@123", "#1"}

// years are the birth years and recent years people use.
func years() []string {
	var out []string
	for y := 1950; y <= 2030; y++ {
		out = append(out, fmt.Sprint(y))
	}
	return out
}

func main() {
	if err := write(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "commongen:", err)
		os.Exit(1)
	}
}

// write writes the list: lower-case, sorted byte-wise, one per line.
func write(w io.Writer) error {
	set := map[string]bool{}
	add := func(p string) {
		p = strings.ToLower(strings.TrimSpace(p))
		if p != "" && !strings.ContainsAny(p, " \t") {
			set[p] = true
		}
	}
	for _, p := range strings.Fields(top + " " + walks) {
		add(p)
	}
	for _, y := range years() {
		add(y)
	}
	for _, word := range strings.Fields(words + " " + names + " " + places) {
		for _, e := range endings {
			add(word + e)
		}
	}
	list := make([]string, 0, len(set))
	for p := range set {
		list = append(list, p)
	}
	sort.Strings(list)
	out := bufio.NewWriter(w)
	for _, p := range list {
		fmt.Fprintln(out, p)
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write the list: %w", err)
	}
	return nil
}
