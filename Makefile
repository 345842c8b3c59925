# Developer and CI entry points. `make demo` and `make test` are the two commands a newcomer runs.
SHELL := /bin/bash
DOTNET ?= dotnet
SOLUTION := Controller.slnx
CONFIGURATION ?= Debug
RESULTS_DIR ?= out/test-results
SANDBOX_PORT ?= 6443
SANDBOX_DIR ?= .sandbox
ARGS ?=
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: all restore build test test-only format format-check publish-check clean

all: build

restore:
	$(DOTNET) restore $(SOLUTION)

build: restore
	$(DOTNET) build $(SOLUTION) --no-restore -c $(CONFIGURATION)

# Every test, then the one summary line CI reads ("N passed, N failed").
test: build format-check
	@rm -rf $(RESULTS_DIR); mkdir -p $(RESULTS_DIR)
	@set +e; $(DOTNET) test $(SOLUTION) --no-build -c $(CONFIGURATION) \
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
