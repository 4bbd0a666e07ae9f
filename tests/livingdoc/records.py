"""Record builders shared by the living-doc tests (no browser involved)."""

from __future__ import annotations

from livingdoc.model import FAILED, NOT_RUN, PASSED, SKIPPED, ScenarioResult, Shot, StepResult


def scenario(
    nodeid: str,
    status: str = PASSED,
    doc_tags: tuple[str, ...] = ("doc-step-1",),
    order: int = 0,
    started: float = 100.0,
    failed_at: int | None = None,
    feature_file: str = "features/demo.feature",
) -> ScenarioResult:
    steps = [
        StepResult("Given", "the Commerce Admin login page is open", 3, location="steps/admin.py:14"),
        StepResult("When", "I sign in with the admin user name and password", 4, location="steps/admin.py:30"),
        StepResult("Then", "the Commerce Admin dashboard is shown", 5, location="steps/admin.py:40"),
    ]
    for index, step in enumerate(steps):
        if status == NOT_RUN:
            continue
        if failed_at is not None and index > failed_at:
            step.status = SKIPPED
        elif failed_at is not None and index == failed_at:
            step.status, step.error, step.duration = FAILED, "AssertionError: Doc step 1: the dashboard", 0.25
            step.shots = [Shot("admin", f"shots/{index}-admin.jpg", "http://127.0.0.1/admin/")]
        else:
            step.status, step.duration = PASSED, 0.5
            step.shots = [Shot("admin", f"shots/{index}-admin.jpg", "http://127.0.0.1/admin/")]
    return ScenarioResult(
        nodeid=nodeid,
        name=f"Scenario {nodeid.rsplit('::', 1)[-1]}",
        feature_name="Demo feature",
        feature_file=feature_file,
        line=2 + order,
        order=order,
        tags=sorted({*doc_tags, "clipboard"}),
        doc_tags=list(doc_tags),
        steps=steps,
        status=status,
        duration=1.5,
        started=started,
        failed_step=failed_at,
        error="AssertionError: Doc step 1: the dashboard" if status == FAILED else None,
    )


# A stand-in for the published doc's German edition, in its Markdown form (front matter, title, the rule, nine
# numbered steps): our own words, not the vendor's text, which the project never ships.
GERMAN_DOC = """\
---
title: Den Amazon API-Schlüssel testen
source-git-commit: 0123456789abcdef0123456789abcdef01234567
---

# Den Amazon API-Schlüssel testen

Der Kanal prüft den Schlüssel bei jedem Öffnen, und ein fehlender oder alter Schlüssel wird nicht angenommen.

1. Melden Sie sich im [!DNL Commerce] Admin an.

1. Öffnen Sie **[!UICONTROL Marketing]** > **[!UICONTROL Amazon Sales Channel]**.

1. Klicken Sie auf **[!UICONTROL Sign in]**, und das Konto öffnet sich in einem neuen Tab.

1. Legen Sie im API Portal einen Schlüssel an und kopieren Sie ihn.

1. Gehen Sie zurück zum ersten Tab.

1. Klicken Sie auf **[!UICONTROL Add the key]**.

1. Fügen Sie den kopierten Schlüssel in **[!UICONTROL Production Api key]** ein.

1. Klicken Sie auf **[!UICONTROL Save Config]**.

1. Öffnen Sie den Kanal erneut, und der Schlüssel wird wieder geprüft.
"""
