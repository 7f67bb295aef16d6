// Owned by the conformance suite; the robustness suites export through ./robustness/index.js.
