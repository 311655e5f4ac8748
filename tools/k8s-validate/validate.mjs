// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas compiled into the npm package kubernetes-models:
// types, formats, enums and required fields of every built-in kind the chart uses. Strict as well: a field the schema
// does not know (a typo such as `terminationGracePeriodSecond`) is an error, which the OpenAPI schemas alone allow.
//
// Usage: node validate.mjs FILE   (a multi-document YAML stream, such as tools/helm-render's output; - reads stdin)
// Prints "valid: Kind/name" per document, or "invalid: Kind/name: /path: message" lines; exits 1 on any error.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const file = process.argv[2];
if (!file) {
  console.error("usage: node validate.mjs FILE|-");
  process.exit(2);
}
const text = readFileSync(file === "-" ? 0 : file, "utf8");

// "apps/v1" + "Deployment" -> IoK8sApiAppsV1Deployment; "v1" + "Service" -> IoK8sApiCoreV1Service.
function schemaName(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  return `IoK8sApi${pascal(group.split(".")[0])}${pascal(version)}${kind}`;
}

// Strictness: the compiled validators read exactly the properties their schema defines (and enumerate the keys of
// free-form maps such as labels). Validating through proxies that record every property read leaves the unknown
// fields as the keys nobody read.
function tracked(root) {
  const records = [];
  const proxies = new Map();
  const wrap = (value, path) => {
    if (value === null || typeof value !== "object") return value;
    if (!proxies.has(value)) {
      const used = new Set();
      records.push({ value, path, used });
      const mark = (key) => typeof key === "string" && used.add(key);
      proxies.set(value, new Proxy(value, {
        get(target, key) { mark(key); return wrap(target[key], `${path}/${String(key)}`); },
        has(target, key) { mark(key); return key in target; },
        ownKeys(target) { Reflect.ownKeys(target).forEach(mark); return Reflect.ownKeys(target); },
      }));
    }
    return proxies.get(value);
  };
  return { proxy: wrap(root, ""), unknownFields: () => records.flatMap(({ value, path, used }) =>
    Array.isArray(value) ? [] : Object.keys(value).filter((key) => !used.has(key)).map((key) => `${path}/${key}`)) };
}

let failures = 0;
const fail = (what, message) => { failures++; console.log(`invalid: ${what}: ${message}`); };

for (const document of parseAllDocuments(text)) {
  if (document.errors.length) {
    fail("(YAML)", document.errors.map((e) => e.message).join("; "));
    continue;
  }
  const manifest = document.toJS();
  if (manifest === null || manifest === undefined) continue;
  const what = `${manifest.kind}/${manifest.metadata?.name}`;
  if (typeof manifest.apiVersion !== "string" || typeof manifest.kind !== "string") {
    fail(what, "apiVersion and kind are required");
    continue;
  }
  let validate;
  try {
    ({ validate } = await import(`kubernetes-models/_schemas/${schemaName(manifest.apiVersion, manifest.kind)}`));
  } catch {
    fail(what, `no schema for ${manifest.apiVersion} ${manifest.kind}`);
    continue;
  }
  const { proxy, unknownFields } = tracked(manifest);
  const before = failures;
  if (!validate(proxy)) {
    for (const error of validate.errors) fail(what, `${error.instancePath || "/"}: ${error.message ?? `${error.keyword} ${JSON.stringify(error.params)}`}`);
  }
  for (const field of unknownFields()) fail(what, `${field}: unknown field`);
  if (failures === before) console.log(`valid: ${what}`);
}
process.exit(failures ? 1 : 0);
