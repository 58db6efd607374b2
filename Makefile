# Shortcuts for the scripts in scripts/ (README uses the scripts directly, since a
# fresh machine may not have make).
.PHONY: serve build test e2e clean

serve:
	bash scripts/serve.sh

build:
	bash scripts/setup.sh
	bash scripts/build.sh

test:
	bash scripts/test.sh

# The browser tests alone, against an existing dist/.
e2e:
	node --test tests/e2e/*.test.mjs

clean:
	cargo clean
	rm -rf dist test-results
