-- 003 letters: the approvals along a programme's chain, the letters issued,
-- and the counters their numbers come from (one row per kind and year,
-- locked by the transaction that issues a letter: gapless, never reused).

CREATE TABLE approvals (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES cases (id),
  step integer NOT NULL CHECK (step >= 1),  -- position in the programme's approval_chain
  position text NOT NULL CHECK (position <> ''),
  approver text NOT NULL CHECK (approver <> ''),
  delegation text CHECK (delegation IN ('a.n.', 'Plt.', 'Plh.')),
  decision text NOT NULL CHECK (decision IN ('approved', 'rejected')),
  note text,
  at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, step),
  CHECK (decision = 'approved' OR coalesce(note, '') <> '')  -- a rejection says why
);

CREATE TABLE letter_counters (
  kind text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  last_seq integer NOT NULL CHECK (last_seq >= 1),
  PRIMARY KEY (kind, year)
);

CREATE TABLE letters (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
  year integer NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  number text NOT NULL UNIQUE,
  case_id bigint REFERENCES cases (id),  -- NULL for minutes covering a batch of claims
  batch_id bigint REFERENCES batches (id),
  signer text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),  -- in the letter's QR code
  pdf_sha256 text NOT NULL CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),          -- of the signed file
  pdf bytea NOT NULL,
  UNIQUE (kind, year, seq),
  FOREIGN KEY (kind, year) REFERENCES letter_counters (kind, year),
  CHECK (case_id IS NOT NULL OR batch_id IS NOT NULL)
);
CREATE INDEX letters_by_case ON letters (case_id);
