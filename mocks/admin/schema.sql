-- Mock Commerce Admin state. core_config_data follows Magento's table of that name.
CREATE TABLE IF NOT EXISTS admin_user (
    user_id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS core_config_data (
    config_id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL DEFAULT 'default',
    scope_id INTEGER NOT NULL DEFAULT 0,
    path TEXT NOT NULL,
    value TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (scope, scope_id, path)
);
