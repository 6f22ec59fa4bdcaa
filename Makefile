# The front door. `make run`: install what is missing, build, create the demo city, serve on :8080.
# `make test`: install, build, run every test (C++ on SQLite and PostgreSQL, scoring vectors, browser).
BUILD ?= build
DATA  ?= data/demo
PORT  ?= 8080
JOBS  ?= $(shell nproc)

.PHONY: run test deps build web test-cpp test-web bench clean format format-check mutation-check deb

run: deps build web
	@test -f $(DATA)/civic.db || ./$(BUILD)/civic init --demo --data $(DATA)
	./$(BUILD)/civic migrate --data $(DATA)
	./$(BUILD)/civic serve --data $(DATA) --host 127.0.0.1 --port $(PORT) --web web/dist

test: deps build web
	scripts/run-tests

deps:
	scripts/install-deps

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

web:
	scripts/build-web

bench: deps build
	scripts/run-bench

# The Debian package (debian/, packaging/): $(BUILD)/deb/civic_<version>_<arch>.deb from this build and web/dist.
deb: deps build web
	debian/rules binary BUILD=$(BUILD)

# The domain mutants of issue 23 (sampling, plan progress, case measures) must all be killed: about 5 minutes.
mutation-check: deps
	scripts/mutation-check

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i
	@if grep -q '"format"' web/package.json; then cd web && npm run --silent format; fi

format-check: deps
	scripts/check-format

clean:
	rm -rf $(BUILD) web/dist
