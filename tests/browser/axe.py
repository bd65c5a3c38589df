"""axe-core in the page under test: WCAG 2.1 A/AA checks, failing on serious and critical issues.

axe-core comes from npm (package.json pins it; scripts/chromium runs `npm ci` when it is
missing), never from a CDN: Playwright injects node_modules/axe-core/axe.min.js itself.
"""

from __future__ import annotations

from pathlib import Path

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

_RUN = """async (tags) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
            target: n.target.join(" "),
            html: n.html,
            summary: n.failureSummary,
            impact: n.impact,
        })),
    }));
}"""


def axe_violations(page) -> list[dict]:
    """The serious and critical WCAG 2.1 A/AA violations axe finds on the page as it is now."""
    if not AXE_JS.exists():
        raise RuntimeError(f"{AXE_JS} is missing: run scripts/chromium (it installs axe-core with npm ci)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return [v for v in page.evaluate(_RUN, WCAG_TAGS) if v["impact"] in BLOCKING]


def violations_report(found: dict[str, list[dict]]) -> str:
    """{page label: violations} as readable text: rule, impact, help, and each offending element."""
    lines = []
    for label, violations in found.items():
        lines.append(f"\n== {label}: {len(violations)} serious/critical violation(s)")
        for v in violations:
            lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
            for node in v["nodes"][:8]:
                lines.append(f"      at {node['target']}")
                lines.append(f"         {node['html'][:200]}")
                for detail in (node["summary"] or "").splitlines():
                    lines.append(f"         | {detail}")
            if len(v["nodes"]) > 8:
                lines.append(f"      ... and {len(v['nodes']) - 8} more element(s)")
    return "\n".join(lines)
