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

/// The capstone's check: each step's title and what to reread when it fails, from the
/// registry (`course.toml`), written by [`encode_steps`].
pub const STEP_NOTES: &str = "FANOUT_STEP_NOTES";

/// One step's notes, as the registry says them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepNotes {
    /// The step's number.
    pub number: u32,
    /// Its title (`the skeleton`).
    pub title: String,
    /// What to reread when it fails.
    pub reread: String,
}

/// The value of [`STEP_NOTES`]: a line a step, its fields separated by tabs (which no
/// title or note holds).
pub fn encode_steps(steps: &[StepNotes]) -> String {
    steps
        .iter()
        .map(|step| {
            let clean = |text: &str| text.replace(['\t', '\n'], " ");
            format!(
                "{}\t{}\t{}",
                step.number,
                clean(&step.title),
                clean(&step.reread)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads what [`encode_steps`] wrote; a line that does not read is left out.
pub fn decode_steps(text: &str) -> Vec<StepNotes> {
    text.lines()
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            Some(StepNotes {
                number: fields.next()?.parse().ok()?,
                title: fields.next()?.to_owned(),
                reread: fields.next()?.to_owned(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_notes_read_back_as_written() {
        let steps = vec![
            StepNotes {
                number: 1,
                title: "the skeleton".to_owned(),
                reread: "lesson 10, Part 5 (graceful shutdown)".to_owned(),
            },
            StepNotes {
                number: 5,
                title: "the cache and /status".to_owned(),
                reread: "lesson 10, \"Which mutex?\"".to_owned(),
            },
        ];
        assert_eq!(decode_steps(&encode_steps(&steps)), steps);
    }
}
