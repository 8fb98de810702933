// The member tables of a Kartu Keluarga: table 1 (name, NIK, sex, birth
// place and date, religion, education, occupation) and table 2 (marital
// status, relationship to the head, nationality, parents), joined by row
// number. Columns are found by their header text and their order, as listed
// in templates/layouts/kk_members.json; cells by the ruled grid when the
// image has one, else by header positions and rows of text.
#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "extract/extracted_fields.hpp"
#include "extract/text_layout.hpp"

namespace berkas {

struct KkColumn {
  std::string field;                 // output field name; empty: the column only anchors the order
  std::string kind;                  // row_number, person_name, free_text, nik, date, vocabulary
  std::string vocabulary;            // for kind "vocabulary": sex, religion, education, ...
  std::vector<std::string> headers;  // header aliases, compared through label_key()
  bool optional = false;             // often missing from a KK (blood type, passport)
};

struct KkTableLayout {
  std::string name;
  std::vector<KkColumn> columns;  // left to right
};

struct KkMembersLayout {
  std::vector<KkTableLayout> tables;  // in page order
  std::string members_from;           // the table whose filled rows are members
};

// Reads a layout file. Throws berkas::Error.
KkMembersLayout load_kk_members_layout(const std::filesystem::path& file);
// templates_dir()/layouts/kk_members.json, loaded once per process.
const KkMembersLayout& standard_kk_members_layout();

// One FieldMap per filled member row, in row order; values in the contract's
// normal form, boxes in upright-image pixels. `upright_gray` may be empty
// (then only the text rows are used).
std::vector<FieldMap> extract_kk_members(const std::vector<TextRow>& rows, const cv::Mat& upright_gray,
                                         int reference_year);
std::vector<FieldMap> extract_kk_members(const std::vector<TextRow>& rows, const cv::Mat& upright_gray,
                                         int reference_year, const KkMembersLayout& layout);

}  // namespace berkas
