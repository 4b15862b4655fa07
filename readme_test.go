package iec62443_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEQuickStart runs the Go code block of README.md and compares its
// output with the output the README shows, so the quick start a newcomer
// copies always works against the current API.
func TestREADMEQuickStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	m := regexp.MustCompile("(?s)```go\n(.*?)```").FindSubmatch(readme)
	require.NotNil(t, m, "README.md has a ```go block")
	src := string(m[1])
	require.True(t, strings.HasPrefix(src, "package main"), "the quick start is a complete program")

	dir, err := os.MkdirTemp(".", ".readme-quickstart-")
	require.NoError(t, err)
	t.Cleanup(func() { os.RemoveAll(dir) })
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644))
	cmd := exec.Command(goBin, "run", "./"+filepath.Base(dir))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "the README quick start does not run:\n%s", stderr.String())

	want := regexp.MustCompile("(?s)it prints:\n\n```text\n(.*?)```").FindSubmatch(readme)
	require.NotNil(t, want, "README.md shows the quick start's output in a ```text block")
	assert.Equal(t, string(want[1]), stdout.String(), "the README quick start prints what the README says")
}
