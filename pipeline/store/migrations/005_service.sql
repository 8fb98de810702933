-- 005 service: the people and stations that use berkas over HTTP (users,
-- browser sessions and station tokens) and the durable job queue the
-- workers share (page granularity, leases, retries, dead letters).

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name text NOT NULL CHECK (display_name <> ''),
  role text NOT NULL CHECK (role IN ('scanner', 'verifier', 'approver', 'archivist', 'admin')),
  -- An approver acts as one official of templates/office.json (its key); the
  -- official's position is the approver's level in the chain.
  official text CHECK (official ~ '^[a-z0-9-]+$'),
  password_hash text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'approver') = (official IS NOT NULL))
);

-- Only a hash of each token is kept: a copy of the database opens no session.
CREATE TABLE sessions (
  token_sha256 text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  user_id bigint NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('browser', 'station')),
  label text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- How many pages a file has, once a worker has opened it.
ALTER TABLE source_files ADD COLUMN page_count integer CHECK (page_count >= 0);

-- split_file: open a stored file and queue one read_page job per page;
-- read_page: read one page into pages/documents/fields; settle_batch: once
-- every page of a batch is read, assign documents to cases and check them.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('split_file', 'read_page', 'settle_batch')),
  batch_id bigint NOT NULL REFERENCES batches (id),
  source_file_id bigint REFERENCES source_files (id),
  page_no integer CHECK (page_no >= 1),
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  run_after timestamptz NOT NULL DEFAULT now(),
  worker text,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  UNIQUE NULLS NOT DISTINCT (kind, batch_id, source_file_id, page_no),
  CHECK ((kind = 'read_page') = (page_no IS NOT NULL)),
  CHECK ((kind = 'settle_batch') = (source_file_id IS NULL)),
  CHECK (state <> 'running' OR (worker IS NOT NULL AND lease_until IS NOT NULL)),
  CHECK (state <> 'dead' OR last_error IS NOT NULL)
);
CREATE INDEX jobs_ready ON jobs (id) WHERE state = 'queued';
CREATE INDEX jobs_leased ON jobs (lease_until) WHERE state = 'running';
CREATE INDEX jobs_by_batch ON jobs (batch_id, state);

-- Which cases a batch is to be checked against: those taken in with it and
-- those a station named when uploading (cases entered earlier).
CREATE TABLE batch_cases (
  batch_id bigint NOT NULL REFERENCES batches (id),
  case_id bigint NOT NULL REFERENCES cases (id),
  PRIMARY KEY (batch_id, case_id)
);
INSERT INTO batch_cases (batch_id, case_id) SELECT batch_id, id FROM cases WHERE batch_id IS NOT NULL;
