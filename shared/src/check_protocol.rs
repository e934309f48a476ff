//! What the exercise runner tells a check, and the check reads: the names of the
//! environment variables, spelled once for both sides (the runner in `tools/exercises`,
//! the checks in `exercises/`).

/// Whole seconds of real time a check may take before it stops itself (shorter for the
/// course's own runs of answers that never finish).
pub const DEADLINE_SECS: &str = "EXERCISE_DEADLINE_SECS";

/// The capstone's check: the last step to check (`N` of `fanout-N`).
pub const STEP: &str = "FANOUT_STEP";

/// The capstone's check: the first step to check (1 for a learner; the step itself when
/// the course proves a starter or a wrong answer).
pub const FIRST_STEP: &str = "FANOUT_FIRST_STEP";

/// The capstone's check: `0` when a failing step need not be run again to confirm it
/// (the course proving a starter or a wrong answer, which must fail anyway); else a
/// failure of a step that measures real time is confirmed by a second run.
pub const CONFIRM_FAILURES: &str = "FANOUT_CONFIRM_FAILURES";

/// The capstone's check: the learner's service binary; the learner's tests read it too
/// (step 7 points it at a stand-in).
pub const SERVICE_BINARY: &str = "FANOUT_BIN";

/// The capstone's check: the stand-in service that step 7 breaks in five ways.
pub const BROKEN_BINARY: &str = "FANOUT_BROKEN";

/// The capstone's check: the learner's crate folder.
pub const CRATE_FOLDER: &str = "FANOUT_CRATE";

/// The capstone's check: the learner's test binaries, as a path list.
pub const TEST_BINARIES: &str = "FANOUT_TESTS";
