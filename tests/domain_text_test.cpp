// RT/RW numbers and free-text values in their normal form.
#include <gtest/gtest.h>

#include "domain/free_text.hpp"
#include "domain/rt_rw.hpp"

namespace berkas {
namespace {

std::string rt_rw(std::string_view text) { return parse_rt_rw(text).value_or("none"); }

TEST(DomainRtRw, PrintedForms) {
  EXPECT_EQ(rt_rw("003/005"), "003/005");
  EXPECT_EQ(rt_rw("3/5"), "003/005");
  EXPECT_EQ(rt_rw("003 / 005"), "003/005");
  EXPECT_EQ(rt_rw("RT 003 RW 005"), "003/005");
  EXPECT_EQ(rt_rw("RT.03 / RW.12"), "003/012");
  EXPECT_EQ(rt_rw(": 003/005"), "003/005");
  EXPECT_EQ(rt_rw("003005"), "003/005");
  EXPECT_EQ(rt_rw("012/105"), "012/105");
}

TEST(DomainRtRw, LettersReadForDigits) {
  EXPECT_EQ(rt_rw("003/0O5"), "003/005");
  EXPECT_EQ(rt_rw("OO3/OOS"), "003/005");
  EXPECT_EQ(rt_rw("00l/002"), "001/002");
  EXPECT_EQ(rt_rw("003|005"), "003/005");
}

TEST(DomainRtRw, RejectsEverythingElse) {
  EXPECT_EQ(rt_rw(""), "none");
  EXPECT_EQ(rt_rw("RT/RW"), "none");
  EXPECT_EQ(rt_rw("003"), "none");
  EXPECT_EQ(rt_rw("0003/005"), "none");
  EXPECT_EQ(rt_rw("003/005/007"), "none");
  EXPECT_EQ(rt_rw("3005"), "none");
  EXPECT_EQ(rt_rw("000/005"), "none");
  EXPECT_EQ(rt_rw("OX3/005"), "none");
  EXPECT_EQ(rt_rw("KARANGMULYO"), "none");
}

TEST(DomainFreeText, UpperCaseSingleSpacesNoLabelDebris) {
  EXPECT_EQ(clean_free_text("  Jl. Mawar   No. 5 "), "JL. MAWAR NO. 5");
  EXPECT_EQ(clean_free_text(": SITI AMINAH"), "SITI AMINAH");
  EXPECT_EQ(clean_free_text(";  BOGOR"), "BOGOR");
  EXPECT_EQ(clean_free_text("= | _ - . BOGOR"), "BOGOR");
  EXPECT_EQ(clean_free_text("\xE2\x80\x94 BOGOR"), "BOGOR");
  EXPECT_EQ(clean_free_text("BANYUWANGI,"), "BANYUWANGI");
  EXPECT_EQ(clean_free_text("SITI AMINAH -\xE2\x80\x94"), "SITI AMINAH");
  EXPECT_EQ(clean_free_text("SITI AMINAH |"), "SITI AMINAH");
  EXPECT_EQ(clean_free_text("SITI AMINAH _"), "SITI AMINAH");
  EXPECT_EQ(clean_free_text("DUSUN\tKRAJAN\nRT 01"), "DUSUN KRAJAN RT 01");
  // A stray character in front may be part of the value: it stays.
  EXPECT_EQ(clean_free_text("I MADE SUDARSANA"), "I MADE SUDARSANA");
  EXPECT_EQ(clean_free_text(" : - "), "");
  EXPECT_EQ(clean_free_text("INTAN JAYA, '"), "INTAN JAYA");
  EXPECT_EQ(clean_free_text("JL. MAWAR NO. 5 .'"), "JL. MAWAR NO. 5");
  EXPECT_EQ(clean_free_text("RT 01/02"), "RT 01/02");
}

TEST(DomainFreeText, PersonNames) {
  EXPECT_EQ(clean_person_name(": Hj. Rosmiati, S.Sos"), "HJ. ROSMIATI, S.SOS");
  EXPECT_EQ(clean_person_name("M. YUSUF"), "M. YUSUF");
  EXPECT_EQ(clean_person_name("NUR'AINI"), "NUR'AINI");
  EXPECT_EQ(clean_person_name("NUR\xE2\x80\x99"
                              "AINI"),
            "NUR'AINI");
  EXPECT_EQ(clean_person_name("R0SMIATI"), "ROSMIATI");
  EXPECT_EQ(clean_person_name("SITI AMINAH 12"), "SITI AMINAH");
  EXPECT_EQ(clean_person_name("SITI * AMINAH"), "SITI AMINAH");
  EXPECT_EQ(clean_person_name("I MADE SUDARSANA"), "I MADE SUDARSANA");
  EXPECT_EQ(clean_person_name("AHMAD SUBARJO (KEPALA)"), "AHMAD SUBARJO KEPALA");
  // Words of punctuation alone at the ends are specks and rules.
  EXPECT_EQ(clean_person_name("ARIANI -."), "ARIANI");
  EXPECT_EQ(clean_person_name(".- , ARIANI"), "ARIANI");
  EXPECT_EQ(clean_person_name("ABDUL M."), "ABDUL M.");
  EXPECT_EQ(clean_person_name("-. ,"), "");
}

}  // namespace
}  // namespace berkas
