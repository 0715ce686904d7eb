package provider

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The example examples/ephemeral-value, run by the Terraform CLI with the
// built provider (dev_overrides in a CLI configuration) against the built
// `xisecrets fake`: apply, a plan with no changes, a version bump, and
// destroy. The value, an ephemeral variable, is in none of the state, the
// plan, `terraform show -json`, the output of any command or the
// TF_LOG=trace log.
func TestExampleEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider and the CLI: make test-all")
	}
	tf := terraformCLI(t)
	bin := t.TempDir()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go on PATH to build the provider with")
	}
	for _, b := range [][]string{
		{"-C", "../..", "build", "-o", filepath.Join(bin, "terraform-provider-xisecrets"), "."},
		{"-C", "../../..", "build", "-o", filepath.Join(bin, "xisecrets"), "./cmd/xisecrets"},
	} {
		if out, err := exec.Command(gobin, b...).CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s", b, err, out)
		}
	}
	const key, v1, v2 = "fake-key-e2e-4b1d", "e2e-value-one-6a0c93", "e2e-value-two-d81f27"
	baseURL := startFake(t, filepath.Join(bin, "xisecrets"), key)

	work, logDir := t.TempDir(), t.TempDir()
	example, err := os.ReadFile("../../examples/ephemeral-value/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "main.tf"), example, 0o600); err != nil {
		t.Fatal(err)
	}
	cliConfig := filepath.Join(work, "dev.tfrc")
	// Keyed by the full address, so that the run shows the example's
	// source resolving to the binary's own registry host.
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", tf.address(), bin)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(logDir, "trace.log")
	env := append(os.Environ(), "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_LOG=trace", "TF_LOG_PATH="+logPath, "ELEVENLABS_API_KEY="+key, "XISECRETS_BASE_URL="+baseURL)
	var outputs bytes.Buffer
	run := func(value string, args ...string) string {
		t.Helper()
		cmd := exec.Command(tf.bin, args...)
		cmd.Dir, cmd.Env = work, append(env, "TF_VAR_db_password="+value)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		outputs.Write(stdout.Bytes())
		outputs.Write(stderr.Bytes())
		if err != nil && !(args[0] == "plan" && cmd.ProcessState.ExitCode() == 2) {
			t.Fatalf("terraform %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
		}
		return stdout.String()
	}
	run(v1, "apply", "-auto-approve", "-input=false", "-no-color")
	if out := run(v1, "plan", "-detailed-exitcode", "-input=false", "-no-color"); !strings.Contains(out, "No changes") {
		t.Errorf("the plan after the apply is not empty:\n%s", out)
	}
	run(v2, "plan", "-input=false", "-no-color", "-var", "db_password_version=2", "-out", "bump.plan")
	planJSON := run(v2, "show", "-json", "bump.plan")
	if !strings.Contains(planJSON, `"update"`) {
		t.Errorf("the version bump plans no update:\n%s", planJSON)
	}
	run(v2, "apply", "-input=false", "-no-color", "bump.plan")
	stateJSON := run(v2, "show", "-json")
	var state struct {
		Values struct {
			Outputs map[string]struct{ Value any } `json:"outputs"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(stateJSON), &state); err != nil {
		t.Fatalf("terraform show -json: %v", err)
	}
	if got := fmt.Sprint(state.Values.Outputs["app_secrets"].Value); got != "[APP_DB_PASSWORD]" {
		t.Errorf("output app_secrets = %s, want [APP_DB_PASSWORD]", got)
	}
	stateFile, err := os.ReadFile(filepath.Join(work, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	run(v2, "destroy", "-auto-approve", "-input=false", "-no-color")

	list := exec.Command(filepath.Join(bin, "xisecrets"), "--base-url", baseURL, "list")
	list.Env = append(os.Environ(), "ELEVENLABS_API_KEY="+key)
	if out, err := list.CombinedOutput(); err != nil || strings.Contains(string(out), "APP_DB_PASSWORD") {
		t.Errorf("after destroy, xisecrets list (%v):\n%s", err, out)
	}
	trace, err := os.ReadFile(logPath)
	if err != nil || len(trace) == 0 {
		t.Fatalf("no TF_LOG trace at %s: %v", logPath, err)
	}
	for what, text := range map[string][]byte{
		"the state file": stateFile, "terraform show -json": []byte(stateJSON), "the plan's JSON": []byte(planJSON),
		"the commands' output": outputs.Bytes(), "the TF_LOG=trace log": trace,
	} {
		for _, v := range []string{v1, v2} {
			if bytes.Contains(text, []byte(v)) {
				t.Errorf("%s (%d bytes) holds a secret value", what, len(text))
			}
		}
	}
	if !bytes.Contains(trace, []byte("ApplyResourceChange")) {
		t.Error("the trace log does not show the provider's apply: is it a trace log?")
	}
}

// startFake runs `xisecrets fake` on a free loopback port and returns its
// URL; the test's end stops it.
func startFake(t *testing.T, cli, key string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, cli, "fake", "--addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "ELEVENLABS_API_KEY="+key)
	cmd.WaitDelay = 5 * time.Second
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		const prefix = "serving the secrets API fake on "
		if u, ok := strings.CutPrefix(sc.Text(), prefix); ok {
			go func() { // keep draining, so the fake never blocks on a full pipe
				for sc.Scan() {
				}
			}()
			return u
		}
	}
	t.Fatalf("xisecrets fake said no URL: %v", sc.Err())
	return ""
}
