// Command demo is `make demo`: it builds the real xisecrets CLI, starts its
// spec-validating fake on a free loopback port, logs in to it as a profile
// (in a temporary configuration directory, with --insecure-storage: the
// demo never touches the user's keyring or profiles), and takes one secret
// through create -> list -> update -> get -> delete with the CLI, printing
// each step, with no --base-url: the profile holds it;
// then applies a dotenv file twice (create, then update), and shows that a
// name holding terminal escapes is printed escaped.
// It exits non-zero as soon as a step fails or prints something unexpected.
package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "demo: FAILED:", err)
		os.Exit(1)
	}
	fmt.Println("demo: all steps passed")
}

// demo is the state shared by the steps.
type demo struct {
	bin     string
	baseURL string
	key     string
	// env is the fake's environment (the key in ELEVENLABS_API_KEY);
	// cliEnv the CLI's, whose key and host come from the profile.
	env, cliEnv []string
}

func run() error {
	dir, err := os.MkdirTemp("", "xisecrets-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	d := &demo{bin: filepath.Join(dir, "xisecrets")}

	fmt.Println("==> building the CLI: go build ./cmd/xisecrets")
	build := exec.Command(goTool(), "build", "-o", d.bin, "./cmd/xisecrets")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}

	// A throwaway key: the fake's in its environment, the CLI's from the
	// profile auth login stores, never on a command line.
	d.key = randomHex("xi-demo-")
	d.env = append(os.Environ(), "ELEVENLABS_API_KEY="+d.key)
	d.cliEnv = []string{"XISECRETS_CONFIG_DIR=" + filepath.Join(dir, "config"), "XISECRETS_PROFILE=demo"}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "XISECRETS_") && !strings.HasPrefix(kv, "ELEVENLABS_API_KEY=") {
			d.cliEnv = append(d.cliEnv, kv)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stop, err := d.startFake(ctx)
	if err != nil {
		return err
	}
	defer stop()
	if err := d.login(); err != nil {
		return err
	}

	name, rotated := "DEMO_OPENAI_API_KEY", "DEMO_OPENAI_API_KEY_ROTATED"
	out, err := d.step(3, "create a secret (value piped on stdin)", "sk-demo-"+randomHex(""), "create", name)
	if err != nil {
		return err
	}
	id, err := secretID(out, name)
	if err != nil {
		return err
	}
	if _, err := d.step(4, "list secrets", "", "list", "--search", "DEMO_"); err != nil {
		return err
	}
	if out, err = d.step(5, "rotate it: new name and value", "sk-demo-"+randomHex(""), "update", id, rotated); err != nil {
		return err
	}
	if !strings.Contains(out, rotated) {
		return fmt.Errorf("step 5: the output does not show the new name %s", rotated)
	}
	if out, err = d.step(6, "get it back", "", "get", id); err != nil {
		return err
	}
	if !strings.Contains(out, rotated) {
		return fmt.Errorf("step 6: get does not show the new name %s", rotated)
	}
	if _, err = d.step(7, "delete it", "", "delete", id); err != nil {
		return err
	}
	if out, err = d.cli("", "list", "--search", "DEMO_", "--json"); err != nil || strings.Contains(out, id) {
		return fmt.Errorf("after delete: %s is still listed (%v)", id, err)
	}
	if err := d.apply(dir); err != nil {
		return err
	}
	return d.hostileName()
}

// login is steps 1 and 2: log in to the fake as profile demo, in the
// demo's own configuration directory, then show the profile.
func (d *demo) login() error {
	fmt.Printf("\n    (export XISECRETS_CONFIG_DIR=<a temporary directory> XISECRETS_PROFILE=demo: the demo's own profiles)\n")
	out, err := d.step(1, "log in to the fake as profile demo (the key piped on stdin)", d.key, "auth", "login", "--base-url", d.baseURL, "--insecure-storage")
	if err != nil {
		return err
	}
	if !strings.Contains(out, "credentials.json") {
		return fmt.Errorf("step 1: login does not say where the key went")
	}
	if out, err = d.step(2, "the profile: no --base-url and no ELEVENLABS_API_KEY from here on", "", "auth", "status"); err != nil {
		return err
	}
	if !strings.Contains(out, d.baseURL) || !strings.Contains(out, "works    yes") {
		return fmt.Errorf("step 2: status does not show the fake's URL and a working key")
	}
	return nil
}

// apply is steps 8 and 9: a dotenv file is applied twice, creating then
// updating, and each name ends up stored once.
func (d *demo) apply(dir string) error {
	file := filepath.Join(dir, "demo.env")
	text := "# demo.env\nAPPLY_DEMO_TOKEN=sk-demo-" + randomHex("") + "\nexport APPLY_DEMO_URL='https://example.test/?q=$NOT_EXPANDED'\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		return err
	}
	fmt.Printf("\n    (%s holds two NAME=value lines; values are never printed)\n", file)
	out, err := d.step(8, "apply a dotenv file", "", "apply", "--file", file)
	if err != nil {
		return err
	}
	if strings.Count(out, "created") != 2 {
		return fmt.Errorf("step 8: apply did not create both names")
	}
	if out, err = d.step(9, "apply it again: the same secrets are updated, none added", "", "apply", "--file", file); err != nil {
		return err
	}
	if strings.Count(out, "updated") != 2 {
		return fmt.Errorf("step 9: apply did not update both names")
	}
	if out, err = d.cli("", "list", "--search", "APPLY_DEMO_", "--json"); err != nil || strings.Count(out, "\n") != 2 {
		return fmt.Errorf("after apply twice: want exactly 2 secrets, got %q (%v)", out, err)
	}
	return nil
}

// hostileName is step 10: a name holding terminal escapes (an OSC 52
// clipboard write, a screen clear, a forged line) is shown escaped in the
// table and comes back exactly from --json. d.cli fails the demo if the
// CLI lets any control character through.
func (d *demo) hostileName() error {
	const name = "DEMO_\x1b]52;c;cHduZWQ=\x07\x1b[2J\ndemo: all steps passed"
	const shown = `DEMO_\x1b]52;c;cHduZWQ=\x07\x1b[2J\ndemo: all steps passed`
	out, err := d.step(10, "a name with terminal escapes is shown escaped", "sk-demo-"+randomHex(""), "create", name)
	if err != nil {
		return err
	}
	if !strings.Contains(out, shown) {
		return fmt.Errorf("step 10: the table does not show the name escaped as %s", shown)
	}
	if out, err = d.cli("", "list", "--search", "DEMO_", "--json"); err != nil {
		return err
	}
	var s struct {
		ID   string `json:"secret_id"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || s.Name != name {
		return fmt.Errorf("step 10: list --json does not give the name back exactly: %q (%v)", out, err)
	}
	_, err = d.cli("", "delete", s.ID)
	return err
}

// startFake runs `xisecrets fake` on a free port and waits for its address.
func (d *demo) startFake(ctx context.Context) (stop func(), err error) {
	fmt.Println("==> starting the fake: xisecrets fake --addr 127.0.0.1:0")
	cmd := exec.CommandContext(ctx, d.bin, "fake", "--addr", "127.0.0.1:0")
	cmd.Env = d.env
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stop = func() { _ = cmd.Process.Signal(os.Interrupt); _ = cmd.Wait() }
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	select {
	case line := <-lines:
		i := strings.Index(line, "http://")
		if i < 0 {
			stop()
			return nil, fmt.Errorf("fake printed %q, not its address", line)
		}
		d.baseURL = strings.Fields(line[i:])[0]
		fmt.Println("    fake listening on", d.baseURL)
		return stop, nil
	case <-time.After(30 * time.Second):
		stop()
		return nil, errors.New("the fake did not report its address within 30s")
	}
}

// steps is the number of steps run shows.
const steps = 10

// step runs one numbered CLI step, printing the command and its output.
func (d *demo) step(n int, what, stdin string, args ...string) (string, error) {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = shellQuote(a)
	}
	shown := "xisecrets " + strings.Join(quoted, " ")
	if stdin != "" {
		variable := "$VALUE"
		if args[0] == "auth" {
			variable = "$KEY"
		}
		shown = "printf '%s' \"" + variable + "\" | " + shown
	}
	fmt.Printf("\n==> step %d/%d: %s\n$ %s\n", n, steps, what, shown)
	out, err := d.cli(stdin, args...)
	fmt.Print(out)
	if err != nil {
		return out, fmt.Errorf("step %d (%s): %w", n, what, err)
	}
	return out, nil
}

func (d *demo) cli(stdin string, args ...string) (string, error) {
	cmd := exec.Command(d.bin, args...)
	cmd.Env = d.cliEnv
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if strings.Contains(string(out)+stderr.String(), d.key) {
		return "", fmt.Errorf("xisecrets %s printed the API key", args[0])
	}
	if bad := unprintable(string(out) + stderr.String()); bad != "" {
		return "", fmt.Errorf("xisecrets %s printed a raw control character: %s", args[0], bad)
	}
	if err != nil {
		return string(out), fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// secretID finds the id in the table `create` prints.
func secretID(out, name string) (string, error) {
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) == 3 && f[0] == "created" && f[2] == name {
			return f[1], nil
		}
	}
	return "", fmt.Errorf("create printed no id for %s:\n%s", name, out)
}

func goTool() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

func randomHex(prefix string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}
