#!/usr/bin/env bash
# `make demo`: the whole story on a bare machine. Starts the sandbox API server with the Kamaji simulator, creates
# labelled namespaces and TenantControlPlanes, applies the README's generator, runs the controller, waits for the
# kubeconfigs, prints a report and proves one kubeconfig works with kubectl. KEEP=1 leaves everything running.
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIGURATION=${CONFIGURATION:-Debug}
PORT=${SANDBOX_PORT:-16443}
DIR=${SANDBOX_DIR:-.sandbox}/demo
KEEP=${KEEP:-0}
mkdir -p "$DIR"
rm -f "$DIR/kubeconfig"
SANDBOX_DLL=Tests/Sandbox/bin/$CONFIGURATION/net10.0/KamajiKubeconfig.Sandbox.dll
CONTROLLER_DLL=bin/$CONFIGURATION/net10.0/kubeconfig-generator.dll
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

pids=()
cleanup() {
  if [ "$KEEP" != "1" ]; then
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
  fi
}
trap cleanup EXIT

step "Starting the sandbox API server (HTTPS on 127.0.0.1:$PORT, Kamaji simulator on)"
dotnet "$SANDBOX_DLL" --port "$PORT" --dir "$DIR" --crds manifests/crds --kamaji > "$DIR/sandbox.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do [ -s "$DIR/kubeconfig" ] && break; sleep 0.2; done
[ -s "$DIR/kubeconfig" ] || { echo "sandbox did not start:"; cat "$DIR/sandbox.log"; exit 1; }
export KUBECONFIG="$PWD/$DIR/kubeconfig"
K() { kubectl --cache-dir "$DIR/kube-cache" "$@"; }
K get --raw /version | head -c 200; echo

step "Creating namespaces and TenantControlPlanes"
K create namespace prod-a && K label namespace prod-a environment=production
K create namespace prod-b && K label namespace prod-b environment=production
K create namespace dev && K label namespace dev environment=development
for tcp in prod-a/alpha prod-b/beta dev/gamma; do
  K apply -f - <<YAML
apiVersion: kamaji.clastix.io/v1alpha1
kind: TenantControlPlane
metadata:
  name: ${tcp#*/}
  namespace: ${tcp%/*}
spec:
  kubernetes: {version: v1.32.0}
  networkProfile: {port: 6443}
YAML
done

step "Applying the README's KubeconfigGenerator"
K apply -f manifests/samples/kubeconfiggenerator-docs-example.yaml

step "Running the controller (Ctrl-C safe; logs in $DIR/controller.log)"
dotnet "$CONTROLLER_DLL" --kubeconfig "$KUBECONFIG" --leader-elect=false \
  --metrics-bind-address=127.0.0.1:18090 --health-probe-bind-address=127.0.0.1:18091 > "$DIR/controller.log" 2>&1 &
pids+=($!)

step "Waiting for the kubeconfigs"
for _ in $(seq 1 150); do
  n=$(K get secrets -A -l kamaji.clastix.io/managed-by=tenant --no-headers 2>/dev/null | wc -l)
  [ "$n" -ge 2 ] && break; sleep 0.2
done
K get secrets -A -l kamaji.clastix.io/managed-by=tenant

step "Report"
for s in prod-a/alpha-tenant prod-b/beta-tenant; do
  K get secret -n "${s%/*}" "${s#*/}" -o jsonpath='{.data.value}' | base64 -d > "$DIR/${s#*/}.kubeconfig"
  grep client-certificate-data "$DIR/${s#*/}.kubeconfig" | awk '{print $2}' | base64 -d > "$DIR/${s#*/}.crt"
  printf '%-22s %s | %s\n' "$s" "$(openssl x509 -in "$DIR/${s#*/}.crt" -noout -subject -nameopt compat)" "$(openssl x509 -in "$DIR/${s#*/}.crt" -noout -enddate)"
done
for _ in $(seq 1 50); do
  [ "$(K get kc tenant -o jsonpath='{.status.availableResources}' 2>/dev/null)" = "2" ] && break; sleep 0.2
done
K get kc
K get kc tenant -o jsonpath='{.status}'; echo
[ -z "$(K get secret -n dev gamma-tenant --ignore-not-found -o name)" ] && echo "dev/gamma: not selected (environment=development), no Secret - as intended"

step "Proving prod-a/alpha-tenant works: kubectl with the generated kubeconfig"
kubectl --kubeconfig "$DIR/alpha-tenant.kubeconfig" --cache-dir "$DIR/alpha-cache" get tenantcontrolplanes -A
if command -v curl > /dev/null; then
  curl -s http://127.0.0.1:18090/metrics | grep -E '^(controller_runtime_reconcile_total|kubeconfig_generator_certificates_issued_total|process_resident_memory_bytes)' | grep -v ' 0$' || true
fi

if [ "$KEEP" = "1" ]; then
  step "Kept running"
  echo "export KUBECONFIG=$KUBECONFIG"
  echo "generated kubeconfig: $DIR/alpha-tenant.kubeconfig"
  echo "stop with: kill ${pids[*]}"
else
  step "Done: stopping the controller and the sandbox"
fi
