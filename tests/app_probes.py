"""Browser-test metadata: for each app, the one control the browser tests operate to check that its page updates.

`{"label": "Train", "action": "click"}`, `{"label": "Colors", "action": "select", "value": "6"}`, or
`{"label": "Sparsity", "action": "slider", "steps": 3}` (moves the slider right). Optional keys: `ready_text` (text
the app shows once it can be operated, e.g. after a first-use training in the background), `wait_ms` (settle time
after operating) and `wait_text` (text that must appear after operating). Lives with the tests, not in the
public app registry."""

PROBES: dict[str, dict] = {
    "canopy": {"label": "year", "action": "select", "value": "2021", "ready_text": "Model ready"},
    "canopy_time": {"label": "Year", "action": "slider", "ready_text": "Temporal model ready"},
    "coloring": {"label": "reference hexagon diameter", "action": "slider", "steps": 3, "wait_ms": 20000,
                 "wait_text": "not proper"},
    "embeddings": {"label": "map layer", "action": "select", "value": "true height",
                   "ready_text": "Click a pixel (or move the sliders)"},
    "byzantine": {"label": "heat map aggregator", "action": "select", "value": "median", "ready_text": "done:",
                  "wait_ms": 3000},
    "pde": {"label": "OOD large", "action": "click", "ready_text": "NPR inference", "wait_ms": 3000},
    "compression": {"label": "singular values", "action": "click", "ready_text": "dense test acc", "wait_ms": 3000},
    "sparsity": {"label": "Sparsity", "action": "slider", "ready_text": "dense model ready"},
    "vanishing": {"label": "Algorithm", "action": "select", "value": "vca", "wait_ms": 4000},
}
