-- 002 reading and checking: the pages read from each source file, the
-- documents found on them and their fields, the flags the checks raised,
-- verifiers' reviews, and the claims DUPLICATE_CLAIM looks up.

ALTER TABLE cases
  ADD COLUMN status text NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'clean', 'review', 'returned', 'approved', 'rejected', 'letter_issued'));

-- unread: waiting for the read pipeline; failed: the file could not be
-- opened as a scan (read_problem says why; its bytes stay in the store).
ALTER TABLE source_files
  ADD COLUMN read_status text NOT NULL DEFAULT 'unread' CHECK (read_status IN ('unread', 'read', 'failed')),
  ADD COLUMN read_problem text,
  ADD CHECK (read_status <> 'failed' OR read_problem IS NOT NULL);

-- Intake runs that finished; a batch taken in again after this is not re-read.
ALTER TABLE batches ADD COLUMN completed_at timestamptz;

CREATE TABLE pages (
  id bigserial PRIMARY KEY,
  source_file_id bigint NOT NULL REFERENCES source_files (id),
  page_no integer NOT NULL CHECK (page_no >= 1),
  status text NOT NULL CHECK (status IN ('read', 'failed')),
  problem text,
  width integer CHECK (width > 0),
  height integer CHECK (height > 0),
  read_ms real CHECK (read_ms >= 0),
  read_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_file_id, page_no),
  CHECK (status = 'read' OR problem IS NOT NULL)
);

CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  page_id bigint NOT NULL REFERENCES pages (id),
  position integer NOT NULL CHECK (position >= 1),  -- reading order on the page
  doc_type text NOT NULL CHECK (doc_type IN ('ktp', 'kk', 'sktm', 'invoice', 'separator', 'other')),
  confidence real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  bbox integer[] NOT NULL CHECK (cardinality(bbox) = 4),  -- outline on the page as stored
  rotation real NOT NULL DEFAULT 0,
  case_id bigint REFERENCES cases (id),
  -- How the document came to its case; NULL while it is unassigned.
  assigned_by text CHECK (assigned_by IN ('separator', 'nik', 'kk_number', 'invoice_number', 'name', 'file', 'folder',
                                          'single_case', 'verifier')),
  UNIQUE (page_id, position),
  CHECK ((case_id IS NULL) = (assigned_by IS NULL))
);
CREATE INDEX documents_by_case ON documents (case_id);

CREATE TABLE fields (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  table_name text CHECK (table_name ~ '^[a-z_]+$'),  -- members, items; NULL for a document field
  row_no integer CHECK (row_no >= 1),
  name text NOT NULL CHECK (name ~ '^[a-z_]+$'),
  value text NOT NULL CHECK (value <> ''),
  confidence real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  bbox integer[] CHECK (cardinality(bbox) = 4),  -- on the page as stored
  origin text NOT NULL DEFAULT 'read' CHECK (origin IN ('read', 'corrected')),
  CHECK ((table_name IS NULL) = (row_no IS NULL))
);
CREATE UNIQUE INDEX fields_one_value ON fields (document_id, coalesce(table_name, ''), coalesce(row_no, 0), name);
CREATE INDEX fields_by_value ON fields (name, value);  -- NIK, KK and letter-number lookups

CREATE TABLE flags (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  document_id bigint REFERENCES documents (id),
  code text NOT NULL CHECK (code ~ '^[A-Z][A-Z_]*$'),
  severity text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  field text,
  expected text,
  found text,
  message text NOT NULL,
  bbox integer[] CHECK (cardinality(bbox) = 4),
  -- superseded: a later check of the case no longer raised it.
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'superseded')),
  raised_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX flags_open_by_case ON flags (case_id) WHERE status = 'open';

CREATE TABLE reviews (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  flag_id bigint REFERENCES flags (id),
  reviewer text NOT NULL CHECK (reviewer <> ''),
  action text NOT NULL CHECK (action IN ('accept_read', 'accept_case', 'correct', 'return')),
  note text,
  at timestamptz NOT NULL DEFAULT now(),
  CHECK (action NOT IN ('correct', 'return') OR coalesce(note, '') <> '')  -- these must say why
);

-- One claim per case, as typed; seq orders them so the first claim of a
-- bill is the original and every later one is the duplicate.
CREATE TABLE claims (
  case_id bigint PRIMARY KEY REFERENCES cases (id),
  seq bigserial UNIQUE,
  hospital text NOT NULL,
  invoice_number text NOT NULL CHECK (invoice_number <> ''),
  patient_nik text NOT NULL,
  admission_date date NOT NULL,
  discharge_date date NOT NULL,
  amount bigint NOT NULL CHECK (amount >= 0),
  CHECK (discharge_date >= admission_date)
);
CREATE INDEX claims_by_bill ON claims (hospital, invoice_number);
CREATE INDEX claims_by_patient ON claims (patient_nik);
