// Command helm-render renders a Helm chart's templates the way `helm template` does, for the subset of Helm that the
// project's chart (deploy/helm/realtime-asr) uses. Helm itself cannot be installed where the project's tests run;
// its template engine is Go's text/template with the sprig functions plus a few of Helm's own, and those are
// reproduced here on Debian's packages of sprig and sigs.k8s.io/yaml (the same libraries Helm builds on).
//
// Supported: .Values (values.yaml, then -f files, then --set, merged as Helm merges them: maps deeply, a null
// removes a key), .Release (Name, Namespace, Service, IsInstall, IsUpgrade, Revision), .Chart (Chart.yaml's fields
// under Helm's names), .Template (Name, BasePath), .Capabilities (KubeVersion, APIVersions.Has); the functions of
// sprig's text map without env/expandenv (as in Helm), and include, tpl, required, fail, toYaml, fromYaml, toJson,
// fromJson. Not supported: subcharts, .Files, lookup, hooks, schema files.
//
// Build (GOPATH mode, against Debian's golang-github-masterminds-sprig-dev and golang-k8s-sigs-yaml-dev):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o helm-render ./tools/helm-render
//
// Usage: helm-render [--strict] [--notes] [--release NAME] [--namespace NS] [-f VALUES.yaml]... [--set a.b=v]... CHART
// Output: the rendered manifests as one multi-document YAML stream, each document headed by "# Source: …", as
// `helm template` prints them; --notes prints the rendered NOTES.txt instead. --strict makes a reference to a missing
// value an error (as `helm lint --strict` does); without it a missing value renders empty, as in `helm template`.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

type options struct {
	chart      string
	release    string
	namespace  string
	valueFiles stringList
	sets       stringList
	strict     bool
	notes      bool
}

func main() {
	opts, err := parseArguments(os.Args[1:])
	if err == nil {
		err = run(opts)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helm-render: "+err.Error())
		os.Exit(1)
	}
}

func parseArguments(args []string) (options, error) {
	opts := options{release: "release-name", namespace: "default"}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		next := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", arg)
			}
			i++
			return args[i], nil
		}
		var err error
		switch arg {
		case "--strict":
			opts.strict = true
		case "--notes":
			opts.notes = true
		case "--release":
			opts.release, err = next()
		case "--namespace", "-n":
			opts.namespace, err = next()
		case "-f", "--values":
			var v string
			if v, err = next(); err == nil {
				opts.valueFiles = append(opts.valueFiles, v)
			}
		case "--set":
			var v string
			if v, err = next(); err == nil {
				opts.sets = append(opts.sets, v)
			}
		default:
			if strings.HasPrefix(arg, "-") || opts.chart != "" {
				return opts, fmt.Errorf("unexpected argument %q (usage: helm-render [--strict] [--notes] [--release NAME] [--namespace NS] [-f FILE]... [--set k=v]... CHART)", arg)
			}
			opts.chart = arg
		}
		if err != nil {
			return opts, err
		}
	}
	if opts.chart == "" {
		return opts, errors.New("no chart folder given")
	}
	return opts, nil
}

func run(opts options) error {
	chart, err := readYAMLMap(filepath.Join(opts.chart, "Chart.yaml"))
	if err != nil {
		return err
	}
	name, _ := chart["name"].(string)
	if name == "" {
		return errors.New("Chart.yaml has no name")
	}

	values, err := readYAMLMap(filepath.Join(opts.chart, "values.yaml"))
	if err != nil {
		return err
	}
	for _, file := range opts.valueFiles {
		override, err := readYAMLMap(file)
		if err != nil {
			return err
		}
		values = mergeValues(values, override)
	}
	for _, set := range opts.sets {
		if err := applySet(values, set); err != nil {
			return err
		}
	}

	templates, err := loadTemplates(opts.chart, name, opts.strict)
	if err != nil {
		return err
	}

	top := map[string]interface{}{
		"Values": values,
		"Chart":  chartObject(chart),
		"Release": map[string]interface{}{
			"Name": opts.release, "Namespace": opts.namespace, "Service": "Helm",
			"IsInstall": true, "IsUpgrade": false, "Revision": 1,
		},
		"Capabilities": map[string]interface{}{
			"KubeVersion": map[string]interface{}{"Version": "v1.30.0", "Major": "1", "Minor": "30", "GitVersion": "v1.30.0"},
			"APIVersions": apiVersions{},
		},
	}
	return render(templates, name, top, opts.notes)
}

// apiVersions answers .Capabilities.APIVersions.Has as `helm template` does without a cluster: the built-in APIs only.
type apiVersions struct{}

func (apiVersions) Has(version string) bool {
	switch strings.SplitN(version, "/", 3)[0] {
	case "v1", "apps", "autoscaling", "policy", "batch", "networking.k8s.io", "rbac.authorization.k8s.io":
		return true
	}
	return false
}

// chartObject exposes Chart.yaml under the field names Helm's chart.Metadata has (.Chart.Name, .Chart.AppVersion, …).
func chartObject(chart map[string]interface{}) map[string]interface{} {
	out := map[string]interface{}{}
	for key, value := range chart {
		switch key {
		case "apiVersion":
			out["APIVersion"] = value
		case "appVersion":
			out["AppVersion"] = value
		case "kubeVersion":
			out["KubeVersion"] = value
		default:
			out[strings.ToUpper(key[:1])+key[1:]] = value
		}
	}
	return out
}

func readYAMLMap(path string) (map[string]interface{}, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if out == nil {
		out = map[string]interface{}{}
	}
	return out, nil
}

// mergeValues merges override into base as Helm does: maps merge key by key, anything else replaces, null deletes.
func mergeValues(base, override map[string]interface{}) map[string]interface{} {
	for key, value := range override {
		if value == nil {
			delete(base, key)
			continue
		}
		if overrideMap, ok := value.(map[string]interface{}); ok {
			if baseMap, ok := base[key].(map[string]interface{}); ok {
				base[key] = mergeValues(baseMap, overrideMap)
				continue
			}
		}
		base[key] = value
	}
	return base
}

// applySet applies one --set a.b.c=value: true/false, null, integers and {x,y} lists are typed; the rest are strings.
func applySet(values map[string]interface{}, set string) error {
	eq := strings.Index(set, "=")
	if eq <= 0 {
		return fmt.Errorf("--set %q: expected key=value", set)
	}
	path := strings.Split(set[:eq], ".")
	raw := set[eq+1:]
	var value interface{}
	switch {
	case raw == "true" || raw == "false":
		value = raw == "true"
	case raw == "null":
		value = nil
	case strings.HasPrefix(raw, "{") && strings.HasSuffix(raw, "}"):
		items := []interface{}{}
		if inner := raw[1 : len(raw)-1]; inner != "" {
			for _, item := range strings.Split(inner, ",") {
				items = append(items, item)
			}
		}
		value = items
	default:
		if n, err := strconv.ParseInt(raw, 10, 64); err == nil {
			value = n
		} else {
			value = raw
		}
	}
	node := values
	for _, key := range path[:len(path)-1] {
		child, ok := node[key].(map[string]interface{})
		if !ok {
			child = map[string]interface{}{}
			node[key] = child
		}
		node = child
	}
	last := path[len(path)-1]
	if value == nil {
		delete(node, last)
	} else {
		node[last] = value
	}
	return nil
}

// loadTemplates parses every file of templates/ into one set, named "<chart>/templates/<file>" as Helm names them.
func loadTemplates(chartDir, chartName string, strict bool) (*template.Template, error) {
	root := template.New("gotpl")
	if strict {
		root.Option("missingkey=error")
	} else {
		root.Option("missingkey=zero")
	}
	funcs := functions(root)
	root.Funcs(funcs)

	dir := filepath.Join(chartDir, "templates")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, entry := range entries {
		if entry.IsDir() {
			return nil, fmt.Errorf("templates/%s: subfolders are not supported", entry.Name())
		}
		data, err := os.ReadFile(filepath.Join(dir, entry.Name()))
		if err != nil {
			return nil, err
		}
		if _, err := root.New(chartName + "/templates/" + entry.Name()).Parse(string(data)); err != nil {
			return nil, err
		}
	}
	return root, nil
}

// functions is Helm's function map: sprig's text functions (less env and expandenv) and Helm's own.
func functions(root *template.Template) template.FuncMap {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")

	funcs["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	funcs["fromYaml"] = func(s string) map[string]interface{} {
		out := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(s), &out); err != nil {
			out["Error"] = err.Error()
		}
		return out
	}
	funcs["fromJson"] = funcs["fromYaml"]
	funcs["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil {
			return nil, errors.New(message)
		}
		if s, ok := value.(string); ok && s == "" {
			return nil, errors.New(message)
		}
		return value, nil
	}
	funcs["fail"] = func(message string) (string, error) { return "", errors.New(message) }
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := root.Clone()
		if err != nil {
			return "", err
		}
		t, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			return "", err
		}
		return buf.String(), nil
	}
	funcs["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil // as `helm template`: no cluster, nothing found
	}
	return funcs
}

func render(root *template.Template, chartName string, top map[string]interface{}, notesOnly bool) error {
	var names []string
	for _, t := range root.Templates() {
		name := t.Name()
		base := filepath.Base(name)
		if !strings.HasPrefix(name, chartName+"/templates/") || strings.HasPrefix(base, "_") {
			continue // partials (_helpers.tpl) are only included
		}
		names = append(names, name)
	}
	sort.Strings(names)

	var out bytes.Buffer
	for _, name := range names {
		values := map[string]interface{}{}
		for k, v := range top {
			values[k] = v
		}
		values["Template"] = map[string]interface{}{"Name": name, "BasePath": chartName + "/templates"}

		var buf bytes.Buffer
		if err := root.ExecuteTemplate(&buf, name, values); err != nil {
			return err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		isNotes := filepath.Base(name) == "NOTES.txt"
		if isNotes {
			if notesOnly {
				out.WriteString(text)
			}
			continue
		}
		if notesOnly {
			continue
		}
		for i, document := range strings.Split(text, "\n---") {
			if strings.TrimSpace(document) == "" {
				continue
			}
			var parsed interface{}
			if err := yaml.Unmarshal([]byte(document), &parsed); err != nil {
				return fmt.Errorf("YAML parse error in %s (document %d): %w", name, i+1, err)
			}
			fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, strings.Trim(document, "\n"))
		}
	}
	_, err := os.Stdout.Write(out.Bytes())
	return err
}
