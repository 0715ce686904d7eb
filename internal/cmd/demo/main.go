// Command demo is `make demo`: it builds the real xisecrets CLI, starts its
// spec-validating fake on a free loopback port, seeded with a secret that
// a tool, an agent, a phone number and an MCP server use; logs in to it as
// a profile (in a temporary configuration directory, with
// --insecure-storage: the demo never touches the user's keyring or
// profiles), so no later step passes --base-url or a key; works by name
// (set twice: create, then update; get NAME and deps NAME, which list every
// kind of dependent); takes one secret through create -> list -> update ->
// get -> delete by id, printing each step; then applies a dotenv file twice
// (create, then update), and shows that a name holding terminal escapes is
// printed escaped.
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
	n           int // the last step run
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
	seed := filepath.Join(dir, "seed.json")
	if err := os.WriteFile(seed, []byte(seedJSON), 0o600); err != nil {
		return err
	}
	stop, err := d.startFake(ctx, seed)
	if err != nil {
		return err
	}
	defer stop()
	if err := d.login(); err != nil {
		return err
	}
	if err := d.byName(); err != nil {
		return err
	}

	name, rotated := "DEMO_OPENAI_API_KEY", "DEMO_OPENAI_API_KEY_ROTATED"
	out, err := d.step("create a secret (value piped on stdin)", "sk-demo-"+randomHex(""), "create", name)
	if err != nil {
		return err
	}
	id, err := secretID(out, name)
	if err != nil {
		return err
	}
	if _, err := d.step("list secrets", "", "list", "--search", "DEMO_"); err != nil {
		return err
	}
	if out, err = d.step("rotate it by id: new name and value", "sk-demo-"+randomHex(""), "update", id, rotated); err != nil {
		return err
	}
	if !strings.Contains(out, rotated) {
		return fmt.Errorf("step %d: the output does not show the new name %s", d.n, rotated)
	}
	if out, err = d.step("get it back by id", "", "get", id); err != nil {
		return err
	}
	if !strings.Contains(out, rotated) {
		return fmt.Errorf("step %d: get does not show the new name %s", d.n, rotated)
	}
	if _, err = d.step("delete it", "", "delete", id); err != nil {
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

// login is two steps: log in to the fake as profile demo, in the demo's
// own configuration directory, then show the profile.
func (d *demo) login() error {
	fmt.Printf("\n    (export XISECRETS_CONFIG_DIR=<a temporary directory> XISECRETS_PROFILE=demo: the demo's own profiles)\n")
	out, err := d.step("log in to the fake as profile demo (the key piped on stdin)", d.key, "auth", "login", "--base-url", d.baseURL, "--insecure-storage")
	if err != nil {
		return err
	}
	if !strings.Contains(out, "credentials.json") {
		return fmt.Errorf("step %d: login does not say where the key went", d.n)
	}
	if out, err = d.step("the profile: no --base-url and no ELEVENLABS_API_KEY from here on", "", "auth", "status"); err != nil {
		return err
	}
	if !strings.Contains(out, d.baseURL) || !strings.Contains(out, "works    yes") {
		return fmt.Errorf("step %d: status does not show the fake's URL and a working key", d.n)
	}
	return nil
}

// apply is two steps: a dotenv file is applied twice, creating then
// updating, and each name ends up stored once.
func (d *demo) apply(dir string) error {
	file := filepath.Join(dir, "demo.env")
	text := "# demo.env\nAPPLY_DEMO_TOKEN=sk-demo-" + randomHex("") + "\nexport APPLY_DEMO_URL='https://example.test/?q=$NOT_EXPANDED'\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		return err
	}
	fmt.Printf("\n    (%s holds two NAME=value lines; values are never printed)\n", file)
	out, err := d.step("apply a dotenv file", "", "apply", "--file", file)
	if err != nil {
		return err
	}
	if strings.Count(out, "created") != 2 {
		return fmt.Errorf("step %d: apply did not create both names", d.n)
	}
	if out, err = d.step("apply it again: the same secrets are updated, none added", "", "apply", "--file", file); err != nil {
		return err
	}
	if strings.Count(out, "updated") != 2 {
		return fmt.Errorf("step %d: apply did not update both names", d.n)
	}
	if out, err = d.cli("", "list", "--search", "APPLY_DEMO_", "--json"); err != nil || strings.Count(out, "\n") != 2 {
		return fmt.Errorf("after apply twice: want exactly 2 secrets, got %q (%v)", out, err)
	}
	return nil
}

// hostileName is the last step: a name holding terminal escapes (an OSC 52
// clipboard write, a screen clear, a forged line) is shown escaped in the
// table and comes back exactly from --json. d.cli fails the demo if the
// CLI lets any control character through.
func (d *demo) hostileName() error {
	const name = "DEMO_\x1b]52;c;cHduZWQ=\x07\x1b[2J\ndemo: all steps passed"
	const shown = `DEMO_\x1b]52;c;cHduZWQ=\x07\x1b[2J\ndemo: all steps passed`
	out, err := d.step("a name with terminal escapes is shown escaped", "sk-demo-"+randomHex(""), "create", name)
	if err != nil {
		return err
	}
	if !strings.Contains(out, shown) {
		return fmt.Errorf("step %d: the table does not show the name escaped as %s", d.n, shown)
	}
	if out, err = d.cli("", "list", "--search", "DEMO_", "--json"); err != nil {
		return err
	}
	var s struct {
		ID   string `json:"secret_id"`
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || s.Name != name {
		return fmt.Errorf("step %d: list --json does not give the name back exactly: %q (%v)", d.n, out, err)
	}
	_, err = d.cli("", "delete", s.ID)
	return err
}

// startFake runs `xisecrets fake --seed seed` on a free port and waits for
// its address.
func (d *demo) startFake(ctx context.Context, seed string) (stop func(), err error) {
	fmt.Println("==> starting the fake: xisecrets fake --addr 127.0.0.1:0 --seed", seed)
	cmd := exec.CommandContext(ctx, d.bin, "fake", "--addr", "127.0.0.1:0", "--seed", seed)
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
const steps = 14

// step runs the next numbered CLI step, printing the command and its output.
func (d *demo) step(what, stdin string, args ...string) (string, error) {
	d.n++
	n := d.n
	shown, err := shownCommand(stdin != "", args)
	if err != nil {
		return "", fmt.Errorf("step %d (%s): %w", n, what, err)
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

// seedJSON is the fake's starting workspace: one secret that a tool, an
// agent, a phone number and an MCP server use.
const seedJSON = `{"secrets":[{"name":"SHARED_API_TOKEN","value":"seeded-demo-value","used_by":{
  "tools":["weather tool"],"agents":["support agent"],"phone_numbers":["front desk line"],"mcp_servers":["search server"]}}]}`

// byName is the first four steps: set creates then updates the same
// secret, and get and deps find the seeded secret by name and show every
// kind of dependent.
func (d *demo) byName() error {
	const name = "DEMO_STRIPE_KEY"
	out, err := d.step("set a secret by name: none has it, so it is created", "sk-demo-"+randomHex(""), "set", name)
	if err != nil {
		return err
	}
	if !strings.Contains(out, "created") {
		return fmt.Errorf("step %d: set did not create %s", d.n, name)
	}
	if out, err = d.step("set it again (a rotation): the same secret is updated", "sk-demo-"+randomHex(""), "set", name); err != nil {
		return err
	}
	if !strings.Contains(out, "updated") {
		return fmt.Errorf("step %d: set did not update %s", d.n, name)
	}
	if out, err = d.step("get a secret by name: who uses it, by kind and name", "", "get", "SHARED_API_TOKEN"); err != nil {
		return err
	}
	for _, want := range []string{"tool: weather tool", "agent: support agent", "phone number: front desk line", "MCP server: search server"} {
		if !strings.Contains(out, want) {
			return fmt.Errorf("step %d: get does not show %q", d.n, want)
		}
	}
	if out, err = d.step("deps by name: every kind of dependent, in one table", "", "deps", "SHARED_API_TOKEN"); err != nil {
		return err
	}
	for _, kind := range []string{"tools", "agents", "phone_numbers", "mcp_servers"} {
		if !strings.Contains(out, "\n"+kind+" ") {
			return fmt.Errorf("step %d: deps does not list the %s", d.n, kind)
		}
	}
	_, err = d.cli("", "delete", name)
	return err
}
