# Developer and CI entry points. `make demo` and `make test` are the two commands a newcomer runs.
SHELL := /bin/bash
DOTNET ?= dotnet
SOLUTION := Controller.slnx
CONFIGURATION ?= Debug
RESULTS_DIR ?= out/test-results
SANDBOX_PORT ?= 6443
SANDBOX_DIR ?= .sandbox
ARGS ?=
# Tools hack/ensure-tools.sh downloads (kubectl, when missing) come first on PATH.
export PATH := $(CURDIR)/out/tools/bin:$(PATH)
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all tools restore build test format format-check publish-check clean demo run install uninstall deploy undeploy image kind-load e2e bench chaos

all: build

restore:
	$(DOTNET) restore $(SOLUTION)

# kubectl, openssl and the Kubernetes Python client (python3-kubernetes), which the tests and the demo drive as
# independent clients; installed when missing.
tools:
	@hack/ensure-tools.sh

build: restore
	$(DOTNET) build $(SOLUTION) --no-restore -c $(CONFIGURATION)

# Every test, then the one summary line CI reads ("N passed, N failed").
test: tools build format-check publish-check
	@rm -rf $(RESULTS_DIR); mkdir -p $(RESULTS_DIR)
	@set +e; BENCH_CONTROLLER_DLL=$(AOT_EXECUTABLE) $(DOTNET) test $(SOLUTION) --no-build -c $(CONFIGURATION) \
	  --logger "trx" --logger "console;verbosity=normal" --results-directory $(RESULTS_DIR); rc=$$?; \
	  hack/test-summary.sh $(RESULTS_DIR); summary=$$?; \
	  if [ $$rc -ne 0 ] || [ $$summary -ne 0 ]; then exit 1; fi

format:
	$(DOTNET) format $(SOLUTION)

format-check: restore
	$(DOTNET) format $(SOLUTION) --verify-no-changes --no-restore

clean:
	rm -rf bin obj Tests/bin Tests/obj Tests/*/bin Tests/*/obj out

# The sandbox API server in the foreground (Ctrl-C stops it); writes $(SANDBOX_DIR)/kubeconfig once ready.
.PHONY: sandbox sandbox-bench
sandbox:
	$(DOTNET) run --project Tests/Sandbox/Sandbox.csproj -c $(CONFIGURATION) -- --port $(SANDBOX_PORT) --dir $(SANDBOX_DIR) --crds manifests/crds $(ARGS)

# Load 10,000 TenantControlPlanes and 30,000 Secrets, then time lists (numbers in Tests/Sandbox/README.md).
sandbox-bench:
	$(DOTNET) run --project Tests/Sandbox/Sandbox.csproj -c Release -- --bench

# The whole story on a bare machine against the sandbox; KEEP=1 leaves it running to explore.
demo: tools build
	KEEP=$(KEEP) CONFIGURATION=$(CONFIGURATION) hack/demo.sh

# The Dockerfile's publish (Native AOT), run here so a broken publish fails the build (no Docker engine on CI
# machines). `make test` then runs the bench smoke test against this executable, so the shipped build is exercised.
AOT_EXECUTABLE := $(CURDIR)/out/publish/kubeconfig-generator
publish-check: tools restore
	@rm -rf out/publish; mkdir -p out; $(DOTNET) publish Controller.csproj -c Release -r linux-x64 -o out/publish > out/publish.log 2>&1 || { cat out/publish.log; exit 1; }

# Against a real cluster (current kubeconfig context, e.g. kind).
install:
	kubectl apply --server-side -f manifests/crds/kamaji.clastix.io_kubeconfiggenerators.yaml

uninstall:
	kubectl delete --ignore-not-found -f manifests/crds/kamaji.clastix.io_kubeconfiggenerators.yaml

run: build
	$(DOTNET) bin/$(CONFIGURATION)/net10.0/kubeconfig-generator.dll --leader-elect=false $(ARGS)

deploy:
	kubectl apply -k manifests

undeploy:
	kubectl delete --ignore-not-found -k manifests

IMAGE ?= kubeconfig-generator:dev
image:
	docker build -t $(IMAGE) .

kind-load: image
	kind load docker-image $(IMAGE)

# The end-to-end suite against whatever cluster KUBECONFIG points at: installs the CRDs it needs, runs the
# controller in-process with those credentials, creates its own namespaces and removes them. Without a reachable
# cluster it says so and fails. Needs Kamaji (or the sandbox's simulator) to create TCP CA/admin Secrets.
E2E_KUBECONFIG ?= $(or $(KUBECONFIG),$(HOME)/.kube/config)
e2e: tools build
	@kubectl --kubeconfig "$(E2E_KUBECONFIG)" get --raw /version > /dev/null 2>&1 || { \
	  echo "make e2e: no reachable cluster at KUBECONFIG=$(E2E_KUBECONFIG); point KUBECONFIG at one (kind, or 'make sandbox ARGS=--kamaji')" >&2; exit 1; }
	kubectl --kubeconfig "$(E2E_KUBECONFIG)" apply --server-side -f manifests/crds/kamaji.clastix.io_kubeconfiggenerators.yaml
	@kubectl --kubeconfig "$(E2E_KUBECONFIG)" get crd tenantcontrolplanes.kamaji.clastix.io > /dev/null 2>&1 || \
	  kubectl --kubeconfig "$(E2E_KUBECONFIG)" apply --server-side -f manifests/crds/kamaji.clastix.io_tenantcontrolplanes.yaml
	E2E_KUBECONFIG="$(E2E_KUBECONFIG)" $(DOTNET) test Tests/Controller.Tests.csproj --no-build -c $(CONFIGURATION) \
	  --filter "FullyQualifiedName~KamajiKubeconfig.Tests.EndToEnd" --logger "console;verbosity=normal"

# The controller as the image ships it (the Native AOT executable; CHAOS_CONTROLLER=bin/Debug/net10.0/kubeconfig-generator.dll
# runs the JIT build instead), against the sandbox
# API server process with the Kamaji simulator, under faults and hostile input; invariants checked after each scenario.
# Ends with "chaos: F faults, B bad inputs, V violations" and exits non-zero when V > 0 (about 8 minutes).
# ARGS="--only name,name" runs some scenarios/cases; --faults-only / --bad-inputs-only. Logs and report: out/chaos/<run>/.
chaos: tools build publish-check
	CHAOS_CONTROLLER=$${CHAOS_CONTROLLER:-$(AOT_EXECUTABLE)} $(DOTNET) Tests/Chaos/bin/$(CONFIGURATION)/net10.0/KamajiKubeconfig.Chaos.dll $(ARGS)

# The controller process at 0 / 1,000 / 10,000 tenants against the sandbox with the Kamaji simulator, every
# scenario of bench/README.md (about 10 minutes on a quiet machine, 30 when loaded): writes bench/results.json and prints the tables with the targets.
# BENCH_ARGS passes flags, e.g. BENCH_ARGS="--memory-limit-mi 768" or "--large 5000". `make test` runs it at N = 50.
BENCH_ARGS ?=
bench: publish-check
	$(DOTNET) build Tests/Benchmarks/Benchmarks.csproj -c Release
	BENCH_CONTROLLER_DLL=$${BENCH_CONTROLLER_DLL:-$(AOT_EXECUTABLE)} $(DOTNET) Tests/Benchmarks/bin/Release/net10.0/KamajiKubeconfig.Benchmarks.dll $(BENCH_ARGS)
