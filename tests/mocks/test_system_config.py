"""Stores > Settings > Configuration: the Magento Services > Api Keys section and Save Config."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.mocks.conftest import Browser, Db

CONFIG_PAGE = "/admin/admin/system_config/edit/section/services_connector/"
CONFIG_SAVE = "/admin/admin/system_config/save/section/services_connector/"
FIELD_ID = "services_connector_services_connector_integration_production_api_key"
PRODUCTION = "groups[services_connector_integration][fields][production_api_key][value]"
SANDBOX = "groups[services_connector_integration][fields][sandbox_api_key][value]"
PRODUCTION_PATH = "services_connector/services_connector_integration/production_api_key"
SANDBOX_PATH = "services_connector/services_connector_integration/sandbox_api_key"
GROUP_ID = "services_connector_services_connector_integration"


def test_tabs_list_general_and_services(admin: Browser) -> None:
    doc = admin.get(CONFIG_PAGE).doc

    tabs = doc.select("#system_config_tabs > div.config-nav-block")
    titles = [t.select_one('[data-role="title"] > strong').text for t in tabs]
    assert titles == ["General", "Services"]
    services = tabs[1]
    assert "_show" in services.classes
    link = services.select_one("li.admin__page-nav-item._active > a.admin__page-nav-link")
    assert link.text == "Magento Services"
    assert link.get("href") == CONFIG_PAGE


def test_api_keys_group_and_fields(admin: Browser) -> None:
    doc = admin.get(CONFIG_PAGE).doc

    form = doc.select_one("form#config-edit-form")
    assert form.get("action") == CONFIG_SAVE
    assert form.get("method") == "post"
    assert form.select_one('input[name="form_key"]').get("value") == admin.form_key
    head = form.select_one(f"div.section-config a#{GROUP_ID}-head")
    assert head.text == "Api Keys"
    assert form.select_one(f"input#{GROUP_ID}-state").get("name") == f"config_state[{GROUP_ID}]"
    fieldset = form.select_one(f"fieldset#{GROUP_ID}.config")
    production = fieldset.select_one(f"tr#row_{FIELD_ID} input#{FIELD_ID}")
    assert production.get("name") == PRODUCTION
    assert production.get("type") == "text"
    assert fieldset.select_one(f'label[for="{FIELD_ID}"]').text == "Production Api key"
    sandbox = fieldset.select_one("input#services_connector_services_connector_integration_sandbox_api_key")
    assert sandbox.get("name") == SANDBOX
    assert (
        fieldset.select_one('label[for="services_connector_services_connector_integration_sandbox_api_key"]').text
        == "Sandbox Api key"
    )


def test_save_config_button(admin: Browser) -> None:
    button = admin.get(CONFIG_PAGE).doc.select_one("button#save")

    assert button.text == "Save Config"
    assert button.get("form") == "config-edit-form"
    assert button.get("type") == "submit"
    assert "primary" in button.classes


def test_general_section_is_the_default(admin: Browser) -> None:
    answer = admin.get("/admin/admin/system_config/")

    assert answer.status == 302
    assert answer.location == "/admin/admin/system_config/edit/section/general/"
    general = admin.get(answer.location).doc
    assert general.select_one("#system_config_tabs li._active a").text.strip() == "General"
    assert general.select_one("form#config-edit-form").get("action") == (
        "/admin/admin/system_config/save/section/general/"
    )


def test_unknown_section_is_404(admin: Browser) -> None:
    answer = admin.get("/admin/admin/system_config/edit/section/nope/")

    assert answer.status == 404
    assert "There is no configuration section 'nope'." in answer.messages("error")


def test_save_stores_the_trimmed_key_and_comes_back(admin: Browser, admin_db: Db) -> None:
    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "  \tabc123-key \n", SANDBOX: ""})

    assert answer.status == 302
    assert answer.location == CONFIG_PAGE
    assert admin_db.config() == [("default", 0, PRODUCTION_PATH, "abc123-key")]
    back = admin.get(answer.location)
    assert back.doc.select_one("#messages .message-success").text == "You saved the configuration."
    assert back.doc.select_one(f"input#{FIELD_ID}").get("value") == "abc123-key"
    assert admin.get(CONFIG_PAGE).messages("success") == []


def test_save_replaces_and_an_empty_value_removes(admin: Browser, admin_db: Db) -> None:
    admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "first", SANDBOX: "sand"})
    admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "second"})
    assert admin_db.config_value(PRODUCTION_PATH) == "second"
    assert admin_db.config_value(SANDBOX_PATH) == "sand"

    admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "   "})

    assert admin_db.config_value(PRODUCTION_PATH) is None
    assert admin_db.config_value(SANDBOX_PATH) == "sand"


def test_save_as_multipart_like_the_browser_form(admin: Browser, admin_db: Db) -> None:
    answer = admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: " multi "}, multipart=True)

    assert answer.status == 302
    assert admin_db.config_value(PRODUCTION_PATH) == "multi"


@pytest.mark.parametrize("form_key", [None, "", "wrong-form-key", "cl\u00e9-\u4e2d\u6587"])
def test_missing_or_wrong_form_key_is_refused_and_nothing_saved(
    admin: Browser, admin_db: Db, form_key: str | None
) -> None:
    admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: "kept"})
    fields = {PRODUCTION: "new-value"} | ({} if form_key is None else {"form_key": form_key})

    answer = admin.post(CONFIG_SAVE, fields)

    assert answer.status == 403
    assert answer.doc.select_one("#messages .message-error").text == (
        "Invalid security or form key. Please refresh the page."
    )
    assert admin_db.config_value(PRODUCTION_PATH) == "kept"


def test_form_key_of_another_session_is_refused(admin: Browser, admin_db: Db) -> None:
    other = admin.fresh().sign_in()
    assert other.form_key != admin.form_key

    answer = admin.post(CONFIG_SAVE, {"form_key": other.form_key, PRODUCTION: "x"})

    assert answer.status == 403
    assert admin_db.config() == []


def test_form_key_changes_with_a_new_sign_in(admin: Browser) -> None:
    old = admin.form_key
    admin.get("/admin/admin/auth/logout/")
    admin.sign_in()

    assert admin.form_key != old
    assert admin.post(CONFIG_SAVE, {"form_key": old, PRODUCTION: "x"}).status == 403


def test_group_open_or_closed_is_remembered(admin: Browser) -> None:
    admin.post(CONFIG_SAVE, {"form_key": admin.form_key, f"config_state[{GROUP_ID}]": "0"})
    closed = admin.get(CONFIG_PAGE).doc
    assert closed.select_one(f"fieldset#{GROUP_ID}").get("hidden") is not None
    assert closed.select_one(f"a#{GROUP_ID}-head").get("aria-expanded") == "false"

    admin.post(CONFIG_SAVE, {"form_key": admin.form_key, f"config_state[{GROUP_ID}]": "1"})
    opened = admin.get(CONFIG_PAGE).doc
    assert opened.select_one(f"fieldset#{GROUP_ID}").get("hidden") is None
    assert opened.select_one(f"a#{GROUP_ID}-head").get("aria-expanded") == "true"


def test_markup_in_a_saved_value_is_shown_as_text(admin: Browser, admin_db: Db) -> None:
    value = '"><script>alert(1)</script>'
    admin.post(CONFIG_SAVE, {"form_key": admin.form_key, PRODUCTION: value})

    page = admin.get(CONFIG_PAGE)

    assert admin_db.config_value(PRODUCTION_PATH) == value
    assert "<script>alert(1)" not in page.text
    assert page.doc.select_one(f"input#{FIELD_ID}").get("value") == value
