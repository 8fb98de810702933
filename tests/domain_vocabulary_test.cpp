// Snapping OCR'd words to the closed lists printed on KTP and KK.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/vocabulary.hpp"

namespace berkas {
namespace {

std::string snapped(Vocabulary v, std::string_view text) {
  auto s = snap(v, text);
  return s ? s->value : "none";
}

TEST(DomainVocabulary, SexSnapsToTheContractForm) {
  EXPECT_EQ(snapped(Vocabulary::Sex, "LAKI-LAKI"), "M");
  EXPECT_EQ(snapped(Vocabulary::Sex, "LAKI LAKI"), "M");
  EXPECT_EQ(snapped(Vocabulary::Sex, "Laki-laki"), "M");
  EXPECT_EQ(snapped(Vocabulary::Sex, "LAKI-LAK1"), "M");
  EXPECT_EQ(snapped(Vocabulary::Sex, "PRIA"), "M");
  EXPECT_EQ(snapped(Vocabulary::Sex, "L"), "M");
  EXPECT_EQ(snapped(Vocabulary::Sex, "PEREMPUAN"), "F");
  EXPECT_EQ(snapped(Vocabulary::Sex, "PEREMPUAM"), "F");
  EXPECT_EQ(snapped(Vocabulary::Sex, "WANITA"), "F");
  EXPECT_EQ(snapped(Vocabulary::Sex, "P"), "F");
  EXPECT_EQ(snapped(Vocabulary::Sex, "X"), "none");
  EXPECT_EQ(snapped(Vocabulary::Sex, "ISLAM"), "none");
  EXPECT_EQ(snapped(Vocabulary::Sex, ""), "none");
}

TEST(DomainVocabulary, SimilarityIsOneOnlyForExactSpellings) {
  auto exact = snap(Vocabulary::Sex, "PEREMPUAN");
  auto damaged = snap(Vocabulary::Sex, "PEREMPUAM");
  ASSERT_TRUE(exact && damaged);
  EXPECT_DOUBLE_EQ(exact->similarity, 1.0);
  EXPECT_LT(damaged->similarity, 1.0);
  EXPECT_GT(damaged->similarity, 0.8);
}

TEST(DomainVocabulary, BloodTypesNeedExactMatchesAndReadZeroAsO) {
  EXPECT_EQ(snapped(Vocabulary::BloodType, "O"), "O");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "0"), "O");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "AB"), "AB");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "A8"), "AB");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "B"), "B");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "-"), "-");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "A+"), "A+");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "0-"), "O-");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "C"), "none");
  EXPECT_EQ(snapped(Vocabulary::BloodType, "ABO"), "none");
}

TEST(DomainVocabulary, ReligionKeepsThePrintedSpelling) {
  EXPECT_EQ(snapped(Vocabulary::Religion, "ISLAM"), "ISLAM");
  EXPECT_EQ(snapped(Vocabulary::Religion, "lSLAM"), "ISLAM");
  EXPECT_EQ(snapped(Vocabulary::Religion, "1SLAM"), "ISLAM");
  EXPECT_EQ(snapped(Vocabulary::Religion, "KRlSTEN"), "KRISTEN");
  EXPECT_EQ(snapped(Vocabulary::Religion, "KATOLIK"), "KATOLIK");
  EXPECT_EQ(snapped(Vocabulary::Religion, "BUDHA"), "BUDHA");
  EXPECT_EQ(snapped(Vocabulary::Religion, "BUDDHA"), "BUDDHA");
  EXPECT_EQ(snapped(Vocabulary::Religion, "KHONGHUCU"), "KHONGHUCU");
  EXPECT_EQ(snapped(Vocabulary::Religion, "KEPERCAYAAN TERHADAP TUHAN YANG MAHA ESA"),
            "KEPERCAYAAN TERHADAP TUHAN YME");
  EXPECT_EQ(snapped(Vocabulary::Religion, "ISLAMIC STATE OF"), "none");
}

TEST(DomainVocabulary, MaritalStatusAndNationality) {
  EXPECT_EQ(snapped(Vocabulary::MaritalStatus, "BELUM KAWIN"), "BELUM KAWIN");
  EXPECT_EQ(snapped(Vocabulary::MaritalStatus, "BELUMKAWIN"), "BELUM KAWIN");
  EXPECT_EQ(snapped(Vocabulary::MaritalStatus, "KAWIN"), "KAWIN");
  EXPECT_EQ(snapped(Vocabulary::MaritalStatus, "CERAI H1DUP"), "CERAI HIDUP");
  EXPECT_EQ(snapped(Vocabulary::MaritalStatus, "CERAI MATl"), "CERAI MATI");
  EXPECT_EQ(snapped(Vocabulary::MaritalStatus, "KAWIN TERCATAT"), "KAWIN TERCATAT");
  EXPECT_EQ(snapped(Vocabulary::Nationality, "WNI"), "WNI");
  EXPECT_EQ(snapped(Vocabulary::Nationality, "WN1"), "WNI");
  EXPECT_EQ(snapped(Vocabulary::Nationality, "WNA"), "WNA");
  // One letter decides between the two: no guessing.
  EXPECT_EQ(snapped(Vocabulary::Nationality, "WNX"), "none");
}

TEST(DomainVocabulary, RelationshipAndEducation) {
  EXPECT_EQ(snapped(Vocabulary::Relationship, "KEPALA KELUARGA"), "KEPALA KELUARGA");
  EXPECT_EQ(snapped(Vocabulary::Relationship, "KEPALA KELUARCA"), "KEPALA KELUARGA");
  EXPECT_EQ(snapped(Vocabulary::Relationship, "ISTERI"), "ISTRI");
  EXPECT_EQ(snapped(Vocabulary::Relationship, "ANAK"), "ANAK");
  EXPECT_EQ(snapped(Vocabulary::Relationship, "FAMILI LAIN"), "FAMILI LAIN");
  EXPECT_EQ(snapped(Vocabulary::Education, "SLTA/SEDERAJAT"), "SLTA/SEDERAJAT");
  EXPECT_EQ(snapped(Vocabulary::Education, "SLTA / SEDERAJAT"), "SLTA/SEDERAJAT");
  EXPECT_EQ(snapped(Vocabulary::Education, "TAMAT SD/SEDERAJAT"), "TAMAT SD/SEDERAJAT");
  EXPECT_EQ(snapped(Vocabulary::Education, "BELUM TAMAT SD/SEDERAJAT"), "BELUM TAMAT SD/SEDERAJAT");
  EXPECT_EQ(snapped(Vocabulary::Education, "DIPLOMA IV/STRATA I"), "DIPLOMA IV/STRATA I");
  EXPECT_EQ(snapped(Vocabulary::Education, "AKADEMI/DIPLOMA III/S. MUDA"), "AKADEMI/DIPLOMA III/S. MUDA");
  // SLTP and SLTA differ by one letter; a third letter there decides nothing.
  EXPECT_EQ(snapped(Vocabulary::Education, "SLTX/SEDERAJAT"), "none");
}

TEST(DomainVocabulary, Occupations) {
  EXPECT_EQ(snapped(Vocabulary::Occupation, "WIRASWASTA"), "WIRASWASTA");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "WIRASWASTE"), "WIRASWASTA");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "KARYAWAN SWASTA"), "KARYAWAN SWASTA");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "PETANI/PEKEBUN"), "PETANI/PEKEBUN");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "PETANI"), "PETANI/PEKEBUN");  // older cards
  EXPECT_EQ(snapped(Vocabulary::Occupation, "IBU RUMAH TANGGA"), "MENGURUS RUMAH TANGGA");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "MENGURUS RUMAH TANGGA"), "MENGURUS RUMAH TANGGA");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "BELUM/TIDAK BEKERJA"), "BELUM/TIDAK BEKERJA");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "PELAJAR/MAHASlSWA"), "PELAJAR/MAHASISWA");
  // Both printed forms are allowed values: each reads as itself.
  EXPECT_EQ(snapped(Vocabulary::Occupation, "PEGAWAI NEGERI SIPIL"), "PEGAWAI NEGERI SIPIL");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "PEGAWAI NEGERI SIPIL (PNS)"), "PEGAWAI NEGERI SIPIL (PNS)");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "PNS"), "PEGAWAI NEGERI SIPIL");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "BURUH HARIAN LEPAS"), "BURUH HARIAN LEPAS");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "GURU"), "GURU");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "PEDAGANG"), "PEDAGANG");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "TUKANG BATU"), "TUKANG BATU");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "KARYAWAN BUMX"), "none");  // BUMN or BUMD
  EXPECT_EQ(snapped(Vocabulary::Occupation, "ASTRONOT"), "none");
  EXPECT_EQ(snapped(Vocabulary::Occupation, "GURX"), "none");
}

TEST(DomainVocabulary, AllowedValuesAreTheUpperCasePrintedForms) {
  const auto& occupations = allowed_values(Vocabulary::Occupation);
  EXPECT_EQ(occupations.size(), 92u);  // 89 Dukcapil codes; PNS, TNI and POLRI also without the abbreviation
  EXPECT_EQ(occupations.front(), "BELUM/TIDAK BEKERJA");
  EXPECT_EQ(allowed_values(Vocabulary::Sex), (std::vector<std::string>{"M", "F"}));
  EXPECT_EQ(allowed_values(Vocabulary::Education).size(), 10u);
  EXPECT_EQ(allowed_values(Vocabulary::Relationship).size(), 11u);
  for (auto v : {Vocabulary::Sex, Vocabulary::BloodType, Vocabulary::Religion, Vocabulary::MaritalStatus,
                 Vocabulary::Nationality, Vocabulary::Relationship, Vocabulary::Occupation, Vocabulary::Education})
    for (const auto& value : allowed_values(v)) {
      EXPECT_TRUE(std::none_of(value.begin(), value.end(), [](char c) { return c >= 'a' && c <= 'z'; })) << value;
      // Every allowed value snaps to itself.
      EXPECT_EQ(snapped(v, value), value);
    }
}

}  // namespace
}  // namespace berkas
