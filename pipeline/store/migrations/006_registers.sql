-- 006 registers: the paper registers archive teams scan (templates/registers),
-- read into rows and cells. Each cell keeps its box on the page as stored and
-- whether a person must look at it; rows are linked to the cases and letters
-- they mention.

CREATE TABLE register_pages (
  id bigserial PRIMARY KEY,
  source_file_id bigint NOT NULL REFERENCES source_files (id),
  page_no integer NOT NULL CHECK (page_no >= 1),
  register text,  -- the template read; NULL when the page gave no rows
  rotation integer NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
  problem text,
  read_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (source_file_id, page_no),
  CHECK ((register IS NULL) = (problem IS NOT NULL))
);

CREATE TABLE register_rows (
  id bigserial PRIMARY KEY,
  page_id bigint NOT NULL REFERENCES register_pages (id),
  row_no integer NOT NULL CHECK (row_no >= 1),
  bbox integer[] NOT NULL CHECK (cardinality(bbox) = 4),
  case_id bigint REFERENCES cases (id),      -- by a NIK or KK number the row carries
  letter_id bigint REFERENCES letters (id),  -- by a letter number the row carries
  UNIQUE (page_id, row_no)
);

CREATE TABLE register_cells (
  id bigserial PRIMARY KEY,
  row_id bigint NOT NULL REFERENCES register_rows (id),
  column_name text NOT NULL,
  cell_type text NOT NULL,
  value text NOT NULL,  -- normal form of the type; '' for an empty cell
  read_text text NOT NULL,
  confidence real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  review boolean NOT NULL,  -- a person must look at it (written by hand, doubtful, not valid)
  reason text,
  bbox integer[] NOT NULL CHECK (cardinality(bbox) = 4),
  UNIQUE (row_id, column_name)
);
-- Exact lookups of numbers (NIK, KK, letter numbers) and the review queue.
CREATE INDEX register_cells_by_value ON register_cells (value) WHERE value <> '';
CREATE INDEX register_cells_to_review ON register_cells (row_id) WHERE review;
