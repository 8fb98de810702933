-- 004: scans (JPEG, G4 TIFF, PDF) and signed letters are compressed
-- already; PostgreSQL's own compression only costs time on them.
ALTER TABLE file_contents ALTER COLUMN content SET STORAGE EXTERNAL;
ALTER TABLE letters ALTER COLUMN pdf SET STORAGE EXTERNAL;
