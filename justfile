# async-lessons: run `just` to see every recipe, `just lesson-N` to run lesson N.
# Every recipe is a plain cargo command (shown below) that works without `just` too.
# Cargo shows its progress while it builds (the first build of a lesson can take a
# minute); after that a recipe starts at once.

# Pass recipe arguments on as they are, spaces and all (`just lesson-6 --url '...'`).
set positional-arguments

# List the lessons and every other recipe
default:
    @"{{just_executable()}}" --list --unsorted --justfile "{{justfile()}}"

# >>> generated from course.toml by `just generate`: one recipe per lesson and per plain version

# Lesson 1: coroutines, .await and lazy futures (asyncio.run ↔ #[tokio::main])
lesson-1 *ARGS:
    cargo run -p lesson-01-coroutines -- "$@"

# Lesson 2: how the event loop works, traced step by step
lesson-2 *ARGS:
    cargo run -p lesson-02-event-loop -- "$@"

# Lesson 3: sequential await vs gather (join!, join_all), with timeline charts
lesson-3 *ARGS:
    cargo run -p lesson-03-sequential-vs-gather -- "$@"

# Lesson 4: tasks (create_task ↔ tokio::spawn, JoinHandle, abort, JoinSet)
lesson-4 *ARGS:
    cargo run -p lesson-04-tasks -- "$@"

# Lesson 5: what async can and can't do (I/O-bound vs CPU-bound, spawn_blocking)
lesson-5 *ARGS:
    cargo run -p lesson-05-io-vs-cpu -- "$@"

# Lesson 6: fetching URLs (aiohttp ↔ reqwest), blocking clients, concurrency, timeouts
lesson-6 *ARGS:
    cargo run -p lesson-06-fetch -- "$@"

# Lesson 7: context managers (with / async with ↔ Drop, async cleanup); why two resources
lesson-7 *ARGS:
    cargo run -p lesson-07-context-managers -- "$@"

# Lesson 8: Timeouts, select! and cancellation
lesson-8 *ARGS:
    cargo run -p lesson-08-timeouts-and-cancellation -- "$@"

# Lesson 9: Bounded concurrency, streams and partial failure
lesson-9 *ARGS:
    cargo run -p lesson-09-bounded-concurrency -- "$@"

# Lesson 10: Queues, channels, shared state and graceful shutdown
lesson-10 *ARGS:
    cargo run -p lesson-10-channels-and-shutdown -- "$@"

# Lesson 11: Testing async code
lesson-11 *ARGS:
    cargo run -p lesson-11-testing -- "$@"

# Lesson 12: The compiler errors async Rust gives you
lesson-12 *ARGS:
    cargo run -p lesson-12-compiler-errors -- "$@"

# Lesson 13: the service crates in Python terms (aiohttp.web ↔ axum, dataclasses ↔ serde, logging ↔ tracing, argparse ↔ clap)
lesson-13 *ARGS:
    cargo run -p lesson-13-service-crates -- "$@"

# The plain version of lesson 1: the same idea as a short program you can copy
plain-1 *ARGS:
    cargo run -p lesson-01-coroutines --example plain-01 -- "$@"

# The plain version of lesson 2: the same idea as a short program you can copy
plain-2 *ARGS:
    cargo run -p lesson-02-event-loop --example plain-02 -- "$@"

# The plain version of lesson 3: the same idea as a short program you can copy
plain-3 *ARGS:
    cargo run -p lesson-03-sequential-vs-gather --example plain-03 -- "$@"

# The plain version of lesson 4: the same idea as a short program you can copy
plain-4 *ARGS:
    cargo run -p lesson-04-tasks --example plain-04 -- "$@"

# The plain version of lesson 5: the same idea as a short program you can copy
plain-5 *ARGS:
    cargo run -p lesson-05-io-vs-cpu --example plain-05 -- "$@"

# The plain version of lesson 6: the same idea as a short program you can copy
plain-6 *ARGS:
    cargo run -p lesson-06-fetch --example plain-06 -- "$@"

# The plain version of lesson 7: the same idea as a short program you can copy
plain-7 *ARGS:
    cargo run -p lesson-07-context-managers --example plain-07 -- "$@"

# The plain version of lesson 8: the same idea as a short program you can copy
plain-8 *ARGS:
    cargo run -p lesson-08-timeouts-and-cancellation --example plain-08 -- "$@"

# The plain version of lesson 9: the same idea as a short program you can copy
plain-9 *ARGS:
    cargo run -p lesson-09-bounded-concurrency --example plain-09 -- "$@"

# The plain version of lesson 10: the same idea as a short program you can copy
plain-10 *ARGS:
    cargo run -p lesson-10-channels-and-shutdown --example plain-10 -- "$@"

# The plain version of lesson 11: the same idea as a short program you can copy
plain-11 *ARGS:
    cargo run -p lesson-11-testing --example plain-11 -- "$@"

# The plain version of lesson 12: the same idea as a short program you can copy
plain-12 *ARGS:
    cargo run -p lesson-12-compiler-errors --example plain-12 -- "$@"

# The plain version of lesson 13: the same idea as a short program you can copy
plain-13 *ARGS:
    cargo run -p lesson-13-service-crates --example plain-13 -- "$@"

# <<< end of the generated part

# Build the lessons, the exercises' crates and your capstone ahead (a few minutes, once), while you read
warm:
    cargo build --workspace --bins --examples
    cargo build --manifest-path exercises/Cargo.toml -p exercise-kit -p ex-fanout-check
    cargo build --manifest-path exercises/Cargo.toml -p axum -p reqwest -p serde_json -p thiserror -p tracing-subscriber
    cargo build --manifest-path capstone/Cargo.toml --target-dir "${CARGO_TARGET_DIR:-target}/capstone" --bin fanout --tests

# Every exercise with its lesson and status, and which one is next
exercises:
    cargo run -p course-exercises -- list

# Check an exercise (a unique prefix is enough; none: the next one). --json: every one
[no-exit-message]
exercise *ARGS:
    cargo run -p course-exercises -- check "$@"

# One more hint for an exercise
hint NAME:
    cargo run -p course-exercises -- hint "$1"

# Check the current exercise each time you save it; move on when it passes
[no-exit-message]
watch:
    cargo run -p course-exercises -- watch

# The reference solution (with a spoiler warning unless you passed)
[no-exit-message]
solution NAME *ARGS:
    cargo run -p course-exercises -- solution "$@"

# Put an exercise's starter back (asks first)
[no-exit-message]
reset NAME *ARGS:
    cargo run -p course-exercises -- reset "$@"

# Your playground: build and run playground/src/main.rs
play *ARGS:
    cargo run -p playground -- "$@"

# Your capstone service (capstone/), as far as you have built it: `just capstone --limit 8`
capstone *ARGS:
    cargo run --manifest-path capstone/Cargo.toml --target-dir "${CARGO_TARGET_DIR:-target}/capstone" -- "$@"

# Your capstone's own tests (step 7), built beside it in target/capstone
capstone-test *ARGS:
    cargo test --manifest-path capstone/Cargo.toml --target-dir "${CARGO_TARGET_DIR:-target}/capstone" "$@"

# The capstone's reference service, fanout (a workspace of its own, the package
# fanout-reference: its first build takes about 40 s). `just capstone-reference --limit 8`, then open the address it prints.
capstone-reference *ARGS:
    cargo run --manifest-path solutions/capstone/Cargo.toml --target-dir "${CARGO_TARGET_DIR:-target}/capstone" -- "$@"

# The capstone reference's tests, against the course server
test-capstone:
    cargo test --manifest-path solutions/capstone/Cargo.toml --target-dir "${CARGO_TARGET_DIR:-target}/capstone"

# Benchmark: the capstone's fanout (release) and its aiohttp twin, 2,000 /pages of 5 URLs, 50 at once
bench-capstone *ARGS:
    cargo build --release --manifest-path solutions/capstone/Cargo.toml --target-dir "${CARGO_TARGET_DIR:-target}/capstone"
    cargo run --release -p course-bench --bin bench-capstone -- --fanout "${CARGO_TARGET_DIR:-target}/capstone/release/fanout" "$@"

# Lesson N's Python counterpart and its plain Rust version, side by side
compare N:
    cargo run -p course-tools --bin compare -- {{N}}

# The course's HTTP server on its own, to try with curl (--port P to choose the port)
serve *ARGS:
    cargo run -p course-kit --features http --bin course-server -- "$@"

# Benchmark: N tasks each sleeping 100 ms (spawn vs join_all), release build
bench-tasks N="100000":
    cargo run --release -p course-bench --bin bench-tasks -- --tasks {{N}}

# Benchmark: 20,000 GETs, 100 at a time, against the course server (release build)
bench-http *ARGS:
    cargo run --release -p course-bench --bin bench-http -- "$@"

# For instructors: scaffold lesson NN (`just new-lesson 08 timeouts "Timeouts"`)
new-lesson NN TOPIC TITLE:
    cargo run -p course-tools --bin new-lesson -- "$1" "$2" "$3"

# For instructors: after editing course.toml, rewrite what it decides (recipes, the book's tables)
generate *ARGS:
    cargo run -p course-tools --bin generate -- "$@"

# For instructors: scaffold an exercise (`just new-exercise 03c-race-two-servers`)
new-exercise NAME:
    cargo run -p course-tools --bin new-exercise -- "$1"

# For instructors: every starter and wrong answer fails, every solution passes
verify-exercises *ARGS:
    cargo run -p course-tools --bin exercise-admin -- verify "$@"

# For instructors: after changing a check, the kit or a manifest, guard it as shipped
bless-exercises:
    cargo run -p course-tools --bin exercise-admin -- bless

# Run the whole test suite (what the README and CI run)
test:
    cargo test --workspace

# After a deliberate change to a lesson's output: rewrite its golden files (then read `git diff`)
bless-outputs:
    UPDATE_EXPECT=1 cargo test -p course-tests

# The course as a book (mdBook): build it and open Start here (--serve: live reload)
[no-exit-message]
book *ARGS:
    bash tools/book.sh "$@"

# The crates' API pages (rustdoc), for those who want them
doc:
    cargo doc --workspace --no-deps --open

# Everything CI checks (.ci/run): formatting, clippy, the docs, the tests, the exercise set
check:
    bash .ci/run
