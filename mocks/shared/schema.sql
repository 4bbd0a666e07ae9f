-- Tables every mock app has, beside its own: sessions kept on the server (mocks/shared/sessions.py) and the
-- sign-in failures that lock a login (mocks/shared/lockout.py).
CREATE TABLE IF NOT EXISTS session (
    session_id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    user TEXT,
    updated_at REAL NOT NULL
);

CREATE INDEX IF NOT EXISTS session_updated ON session (updated_at);

CREATE TABLE IF NOT EXISTS login_failure (
    login TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    first_failure REAL NOT NULL,
    locked_until REAL
);
