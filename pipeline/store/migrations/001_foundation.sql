-- 001 foundation: intake batches, the files they brought (content kept once
-- per hash), the cases as typed, and an append-only audit trail.

CREATE TABLE batches (
  id bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  label text,
  source text,
  -- Hash of the batch's file list and cases: taking in the same batch
  -- again finds this row and changes nothing.
  fingerprint text UNIQUE CHECK (fingerprint ~ '^[0-9a-f]{64}$')
);

-- Every byte a station uploaded, kept once per distinct content and never
-- altered: the original scan can always be shown and re-read.
CREATE TABLE file_contents (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  content bytea NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now(),
  CHECK (size_bytes = octet_length(content))
);

CREATE TABLE source_files (
  id bigserial PRIMARY KEY,
  batch_id bigint NOT NULL REFERENCES batches (id),
  file_name text NOT NULL,
  sha256 text NOT NULL REFERENCES file_contents (sha256),
  media_type text NOT NULL CHECK (media_type IN ('png', 'jpeg', 'tiff', 'pdf', 'unknown')),
  -- rejected: kept, but not a scan berkas can read (the reason says why).
  status text NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'rejected')),
  problem text,
  stored_at timestamptz NOT NULL DEFAULT now(),
  -- The same bytes uploaded twice in one batch are one file.
  UNIQUE (batch_id, sha256),
  CHECK (status = 'stored' OR problem IS NOT NULL)
);

-- The cases officers entered, as typed (contract form) in data. Later
-- migrations add documents, fields, flags and reviews around them.
CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  case_ref text NOT NULL UNIQUE CHECK (case_ref <> ''),
  program text NOT NULL CHECK (program ~ '^[a-z_]+$'),
  stage text NOT NULL CHECK (stage IN ('application', 'claim')),
  received_date date NOT NULL,
  data jsonb NOT NULL,
  batch_id bigint REFERENCES batches (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb
);

-- The audit trail is evidence: once written, a row must not change or vanish,
-- not even through TRUNCATE (which skips row triggers).
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
