// Person-name matching: typed (case) against printed (OCR'd document).
#include "check/name_match.hpp"

#include <gtest/gtest.h>

#include <string>

namespace berkas {
namespace {

std::string verdict(std::string_view typed, std::string_view printed) {
  return to_string(compare_person_names(typed, printed).verdict);
}

// A Variant whose rule names `rule`; the message shows what came back.
::testing::AssertionResult variant_by(std::string_view typed, std::string_view printed, std::string_view rule) {
  const NameComparison c = compare_person_names(typed, printed);
  if (c.verdict == NameVerdict::Variant && !c.rule.empty() && c.rule.find(rule) != std::string::npos &&
      c.similarity >= 0 && c.similarity <= 1)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << typed << "' vs '" << printed << "': " << to_string(c.verdict) << " ["
                                       << c.rule << "], wanted variant [" << rule << "]";
}

::testing::AssertionResult different(std::string_view typed, std::string_view printed) {
  const NameComparison c = compare_person_names(typed, printed);
  if (c.verdict == NameVerdict::Different && !c.rule.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << typed << "' vs '" << printed << "': " << to_string(c.verdict) << " ["
                                       << c.rule << "], wanted different";
}

TEST(NameMatch, VerdictNames) {
  EXPECT_STREQ(to_string(NameVerdict::Same), "same");
  EXPECT_STREQ(to_string(NameVerdict::Variant), "variant");
  EXPECT_STREQ(to_string(NameVerdict::Different), "different");
}

TEST(NameMatch, SameAfterCaseSpacesAndPunctuation) {
  for (const auto& [typed, printed] : {std::pair{"Siti Aminah", "SITI AMINAH"},
                                       {"  SITI   AMINAH ", "SITI AMINAH"},
                                       {"M. YUSUF", "M.YUSUF"},
                                       {"NUR'AINI", "NURAINI"},
                                       {"SITI-AMINAH", "SITI AMINAH"},
                                       {": SITI AMINAH", "SITI AMINAH,"},
                                       {"ROSMIATI, S.PD", "ROSMIATI S.PD."},
                                       {"HJ. SITI AMINAH", "HJ SITI AMINAH"}}) {
    const NameComparison c = compare_person_names(typed, printed);
    EXPECT_EQ(c.verdict, NameVerdict::Same) << typed << " / " << printed << ": " << c.rule;
    EXPECT_EQ(c.rule, "");
    EXPECT_DOUBLE_EQ(c.similarity, 1.0);
  }
  EXPECT_EQ(verdict("SITI AMINAH", "SITI AMINA"), "variant");  // not Same: a letter differs
  EXPECT_EQ(verdict("NUR AINI", "NURAINI"), "variant");        // not Same: a space differs
}

TEST(NameMatch, TitlesAndHonorificsAnywhere) {
  EXPECT_TRUE(variant_by("H. AHMAD SUBARJO", "AHMAD SUBARJO", "title H. dropped"));
  EXPECT_TRUE(variant_by("AHMAD SUBARJO", "H AHMAD SUBARJO", "title H. dropped"));
  EXPECT_TRUE(variant_by("HJ. SITI AMINAH", "SITI AMINAH", "title HJ. dropped"));
  EXPECT_TRUE(variant_by("HAJJAH SITI AMINAH", "SITI AMINAH", "title HAJJAH dropped"));
  EXPECT_TRUE(variant_by("ROSMIATI", "ROSMIATI, S.PD", "title S.PD. dropped"));
  EXPECT_TRUE(variant_by("SITI ROSMIATI, S.Pd.I", "SITI ROSMIATI", "title S.PD.I dropped"));
  EXPECT_TRUE(variant_by("SITI ROSMIATI S. PD. I", "SITI ROSMIATI", "title S.PD.I dropped"));
  EXPECT_TRUE(variant_by("DRS. H. AHMAD SUBARJO, M.M.", "AHMAD SUBARJO", "title DRS. dropped"));
  EXPECT_TRUE(variant_by("DR AHMAD SUBARJO SH", "AHMAD SUBARJO", "title S.H. dropped"));
  EXPECT_TRUE(variant_by("IR. BUDI SANTOSO", "BUDI SANTOSO, S.KOM", "title IR. dropped"));
  EXPECT_TRUE(variant_by("PROF. BUDI SANTOSO", "BUDI SANTOSO", "title PROF. dropped"));
  EXPECT_TRUE(variant_by("DEWI LESTARI, AMD.KEP", "DEWI LESTARI", "title A.MD.KEP. dropped"));
  EXPECT_TRUE(variant_by("DEWI LESTARI, A.Md", "DEWI LESTARI", "title A.MD. dropped"));
  EXPECT_TRUE(variant_by("ALM. AHMAD SUBARJO", "AHMAD SUBARJO", "title ALM. dropped"));
  EXPECT_TRUE(variant_by("ALMARHUMAH SITI AMINAH", "SITI AMINAH", "title ALMARHUMAH dropped"));
  EXPECT_TRUE(variant_by("NY. SITI AMINAH", "SITI AMINAH", "title NY. dropped"));
  EXPECT_TRUE(variant_by("BPK. AHMAD SUBARJO", "AHMAD SUBARJO", "title BPK. dropped"));
  EXPECT_TRUE(variant_by("IBU SITI AMINAH", "SITI AMINAH", "title IBU dropped"));
  EXPECT_TRUE(variant_by("SDR. AHMAD SUBARJO", "TN. AHMAD SUBARJO", "title SDR. dropped"));
  EXPECT_TRUE(variant_by("SITI AMINAH SE", "SITI AMINAH", "title S.E. dropped"));
  // A title on both sides is no difference; the name behind it still decides.
  EXPECT_EQ(verdict("H. AHMAD SUBARJO", "H AHMAD SUBARJO"), "same");
  EXPECT_TRUE(different("H. AHMAD SUBARJO", "AHMAD SURYADI"));
  EXPECT_TRUE(different("HJ. SITI AMINAH", "HJ. SRI WAHYUNI"));
  // A lone H. after the first name word is an initial, not Haji.
  const NameComparison c = compare_person_names("ABDUL H. NASUTION", "ABDUL NASUTION");
  EXPECT_EQ(c.verdict, NameVerdict::Variant);
  EXPECT_EQ(c.rule, "dropped middle name");
}

TEST(NameMatch, BinAndBinti) {
  EXPECT_TRUE(variant_by("AHMAD BIN SALEH", "AHMAD", "father's name after BIN/BINTI dropped"));
  EXPECT_TRUE(variant_by("SITI", "SITI BINTI HASAN", "father's name after BIN/BINTI dropped"));
  EXPECT_TRUE(variant_by("AHMAD RIZKI BIN SALEH", "AHMAD RIZKI", "father's name after BIN/BINTI dropped"));
  EXPECT_EQ(compare_person_names("AHMAD BIN SALEH", "AHMAD SALEH").rule, "BIN/BINTI dropped");
  EXPECT_EQ(compare_person_names("SITI AMINAH BINTI HASAN", "SITI AMINAH HASAN").rule, "BIN/BINTI dropped");
  EXPECT_EQ(compare_person_names("AHMAD RIZKI BIN SALEH", "AHMAD RIZKI").rule, "father's name after BIN/BINTI dropped");
  EXPECT_EQ(verdict("AHMAD BIN SALEH", "AHMAD BIN SALEH"), "same");
  // The father's name, when both give it, must agree; the own name must.
  EXPECT_TRUE(different("AHMAD BIN SALEH", "AHMAD BIN HASAN"));
  EXPECT_TRUE(different("AHMAD BIN SALEH", "SALEH"));
  EXPECT_TRUE(different("AHMAD BIN SALEH", "YUSUF BIN SALEH"));
}

TEST(NameMatch, OldAndNewSpelling) {
  EXPECT_TRUE(variant_by("SOEKARNO", "SUKARNO", "old spelling oe/u"));
  EXPECT_TRUE(variant_by("SITI NOERHAYATI", "SITI NURHAYATI", "old spelling oe/u"));
  EXPECT_TRUE(variant_by("DJOKO SUSILO", "JOKO SUSILO", "old spelling dj/j"));
  EXPECT_TRUE(variant_by("TJAHJO KUMOLO", "CAHYO KUMOLO", "old spelling tj/c"));
  EXPECT_TRUE(variant_by("TJAHJO KUMOLO", "CAHYO KUMOLO", "old spelling j/y"));
  EXPECT_TRUE(variant_by("SJAMSUDIN", "SYAMSUDIN", "old spelling sj/sy"));
  EXPECT_TRUE(variant_by("NJOMAN SUDARSANA", "NYOMAN SUDARSANA", "old spelling nj/ny"));
  EXPECT_TRUE(variant_by("CHAIRUL ANWAR", "KHAIRUL ANWAR", "old spelling ch/kh"));
  EXPECT_TRUE(variant_by("JUSUF HASAN", "YUSUF HASAN", "old spelling j/y"));
  EXPECT_TRUE(variant_by("SRI WAHJUNI", "SRI WAHYUNI", "old spelling j/y"));
  EXPECT_TRUE(variant_by("DJAJA SUPRIJADI", "JAYA SUPRIYADI", "old spelling dj/j"));
  EXPECT_TRUE(variant_by("ACHMAD FAUZI", "AHMAD FAUZI", "spelling kh/h"));
  EXPECT_TRUE(variant_by("RAMADHAN", "RAMADAN", "spelling dh/d, th/t"));
  EXPECT_TRUE(variant_by("YANTI SUSANTY", "YANTI SUSANTI", "spelling final y/i"));
  // Only the spelling differs: the rule says nothing else.
  EXPECT_EQ(compare_person_names("JUSUF HASAN", "YUSUF HASAN").rule, "old spelling j/y");
  EXPECT_EQ(compare_person_names("DJOKO SUSILO", "JOKO SUSILO").rule, "old spelling dj/j");
  // Old spelling does not join other names.
  EXPECT_TRUE(different("DJOKO SUSILO", "YUDI SUSILO"));
  EXPECT_TRUE(different("SOEKARNO", "SUHARTO"));
}

TEST(NameMatch, DoubledLetters) {
  EXPECT_TRUE(variant_by("MUHAMMAD YUSUF", "MUHAMAD YUSUF", "doubled letter"));
  EXPECT_TRUE(variant_by("ABDULLAH SALEH", "ABDULAH SALEH", "doubled letter"));
  EXPECT_TRUE(variant_by("SITI AMALIA", "SITI AMALLIA", "doubled letter"));
  EXPECT_TRUE(variant_by("HASSAN BASRI", "HASAN BASRI", "doubled letter"));
  EXPECT_EQ(compare_person_names("ABDULLAH SALEH", "ABDULAH SALEH").rule, "doubled letter");
  EXPECT_TRUE(different("MUHAMAD RIZKI", "MUHAMMAD RIZAL"));
  EXPECT_TRUE(different("HASSAN BASRI", "HUSIN BASRI"));
}

TEST(NameMatch, SpacingAndJoinedWords) {
  EXPECT_TRUE(variant_by("NUR AINI", "NURAINI", "joined words"));
  EXPECT_TRUE(variant_by("SITI NURHALIZA", "SITI NUR HALIZA", "joined words"));
  EXPECT_TRUE(variant_by("ABDUL RAHMAN", "ABDURRAHMAN", "joined words"));
  EXPECT_TRUE(variant_by("ABDUSSALAM", "ABDUL SALAM", "joined words"));
  EXPECT_TRUE(variant_by("SITIAMINAH", "SITI AMINAH", "joined words"));
  EXPECT_TRUE(different("NUR AINI", "NURHAYATI"));
  EXPECT_TRUE(different("ABDUL RAHMAN", "ABDURRAHIM"));
}

TEST(NameMatch, AbbreviatedMuhammadAndInitials) {
  for (const char* typed :
       {"M. YUSUF", "MOH. YUSUF", "MOCH. YUSUF", "MOHD. YUSUF", "MUH. YUSUF", "MHD. YUSUF", "MUHD. YUSUF", "MOH YUSUF"})
    EXPECT_TRUE(variant_by(typed, "MUHAMMAD YUSUF", "abbreviated Muhammad"));
  EXPECT_TRUE(variant_by("MOH. YUSUF", "M. YUSUF", "abbreviated Muhammad"));
  for (const char* printed : {"MOCHAMAD YUSUF", "MOHAMAD YUSUF", "MOHAMMAD YUSUF", "MOCHAMMAD YUSUF"})
    EXPECT_TRUE(variant_by("MUHAMMAD YUSUF", printed, "spelling of Muhammad"));
  EXPECT_TRUE(variant_by("A. RAHMAN", "ABDUL RAHMAN", "initial for a name"));
  EXPECT_TRUE(variant_by("SITI R. AMINAH", "SITI RAHMA AMINAH", "initial for a name"));
  EXPECT_TRUE(variant_by("M. YUSUF", "MAHMUD YUSUF", "initial for a name"));
  // The initial must be the word's first letter; the rest must still agree.
  EXPECT_TRUE(different("B. RAHMAN", "ABDUL RAHMAN"));
  EXPECT_TRUE(different("M. YUSUF", "AHMAD YUSUF"));
  EXPECT_TRUE(different("MOH. YUSUF", "MUHAMMAD YASIN"));
}

TEST(NameMatch, DroppedMiddleName) {
  EXPECT_TRUE(variant_by("SITI NUR AMINAH", "SITI AMINAH", "dropped middle name"));
  EXPECT_TRUE(variant_by("AHMAD SUBARJO", "AHMAD BUDI SUBARJO", "dropped middle name"));
  EXPECT_TRUE(variant_by("MUHAMMAD RIZKI PRATAMA PUTRA", "MUHAMMAD RIZKI PUTRA", "dropped middle name"));
  EXPECT_TRUE(variant_by("AHMAD RIZKI PRATAMA", "AHMAD RIZKI", "dropped word"));
  EXPECT_TRUE(variant_by("DEWI LESTARI", "DEWI LESTARI WULANDARI", "dropped word"));
  // The first word must be one of those that match, and two must match.
  EXPECT_TRUE(different("NUR AMINAH SARI", "AMINAH SARI"));
  EXPECT_TRUE(different("AHMAD PRATAMA", "AHMAD"));
  // A word replaced (not dropped) is another person.
  EXPECT_TRUE(different("AHMAD BUDI SANTOSO", "AHMAD JOKO SANTOSO"));
  // Too many dropped for what still matches.
  EXPECT_TRUE(different("AHMAD BUDI JOKO SANTOSO", "AHMAD SANTOSO"));
}

TEST(NameMatch, OcrDamagedCharacters) {
  EXPECT_TRUE(variant_by("SITI ROSMIATI", "SITI R0SMIATI", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("SITI AMINAH", "SlTl AMlNAH", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("AHMAD SUBARJO", "AHMAD 5UBARJO", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("BUDI BASUKI", "8UDI BASUKI", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("SITI AMINAH", "SITI ARNINAH", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("ABDUL HAKIM", "ABCLUL HAKIM", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("DEWI LESTARI", "DEVVI LESTARI", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("AHMAD SUBARJO", "AHMAO SUBARJO", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("ADI PUTRI", "ADI PUTRl", "OCR-damaged characters"));
  // Letters lost or specks read, in longer words: one per word of 6 to 9
  // letters, two from 10.
  EXPECT_TRUE(variant_by("SITI ROSMIATI", "SITI ROSMIAT", "OCR-damaged characters"));
  EXPECT_TRUE(variant_by("DEWI KURNIAWATI", "DEWI KURIAWTI", "OCR-damaged characters"));
  EXPECT_EQ(compare_person_names("SITI AMINAH", "SlTl AMlNAH").rule, "OCR-damaged characters");
  EXPECT_TRUE(variant_by("SITI AMINAH", "SITI AMINAH 1234", "OCR-damaged characters"));  // stray digits
  // Combined with the other rules.
  EXPECT_TRUE(variant_by("HJ. SITI NOER AINI", "SITI NURAlNI", "OCR-damaged characters"));
  // Refused: too much damage, or a letter that is no lookalike.
  EXPECT_TRUE(different("SITI ROSMIATI", "SITI RSMIAT"));
  EXPECT_TRUE(different("SITI RINA", "SITI RIA"));  // short word: lookalikes only
  EXPECT_TRUE(different("SITI RINA", "SITI RINI"));
  EXPECT_TRUE(different("SRI WAHYUNI", "SRI WAHYUDI"));
  EXPECT_TRUE(different("BUDI SUSANTO", "BUDI SUSANTI"));
  EXPECT_TRUE(different("RAHMAN HAKIM", "RAHMAT HAKIM"));
}

TEST(NameMatch, Combinations) {
  EXPECT_TRUE(variant_by("HJ. SITI NOER AINI", "SITI NURAINI", "title HJ. dropped"));
  EXPECT_TRUE(variant_by("HJ. SITI NOER AINI", "SITI NURAINI", "old spelling oe/u"));
  EXPECT_TRUE(variant_by("HJ. SITI NOER AINI", "SITI NURAINI", "joined words"));
  EXPECT_TRUE(variant_by("H. MOCH. SJAMSUDIN, S.H.", "MUHAMMAD SYAMSUDIN", "abbreviated Muhammad"));
  EXPECT_TRUE(variant_by("H. MOCH. SJAMSUDIN, S.H.", "MUHAMMAD SYAMSUDIN", "old spelling sj/sy"));
  EXPECT_TRUE(variant_by("DRS. ABDUL RACHMAN BIN JUSUF", "ABDURRAHMAN", "father's name after BIN/BINTI dropped"));
  EXPECT_TRUE(variant_by("SOEDJONO HADI", "SUJONO HADI", "old spelling dj/j"));
  EXPECT_EQ(compare_person_names("HJ. SITI NOER AINI", "SITI NURAINI").rule,
            "title HJ. dropped; old spelling oe/u; joined words");
}

TEST(NameMatch, DifferentPerson) {
  EXPECT_TRUE(different("SITI AMINAH", "SRI WAHYUNI"));
  EXPECT_TRUE(different("AHMAD SUBARJO", "AHMAD SURYADI"));
  EXPECT_TRUE(different("BUDI SANTOSO", "AGUS SANTOSO"));
  EXPECT_TRUE(different("AMINAH SITI", "SITI AMINAH"));
  EXPECT_EQ(compare_person_names("SITI AMINAH", "SRI WAHYUNI").rule, "different given name");
  EXPECT_EQ(compare_person_names("AHMAD SUBARJO", "AHMAD SURYADI").rule, "different word: SUBARJO / SURYADI");
  const NameComparison c = compare_person_names("AHMAD SUBARJO", "AHMAD SURYADI");
  EXPECT_GT(c.similarity, 0.0);
  EXPECT_LT(c.similarity, 1.0);
}

TEST(NameMatch, SharedCommonFirstWordOnly) {
  EXPECT_TRUE(different("MUHAMMAD RIZKI", "MUHAMMAD FAUZAN"));
  EXPECT_TRUE(different("SITI AMINAH", "SITI"));
  EXPECT_TRUE(different("NUR HASANAH", "NUR AINI"));
  EXPECT_TRUE(different("M. RIZKI", "MUHAMMAD"));
  EXPECT_TRUE(different("SITI AMINAH", "SITI RAHAYU"));
  EXPECT_EQ(compare_person_names("SITI AMINAH", "SITI").rule, "only the first word matches");
}

TEST(NameMatch, GenderPairsDifferByOneLetter) {
  EXPECT_TRUE(different("ADI PUTRA", "ADI PUTRI"));
  EXPECT_TRUE(different("DEWA AYU", "DEWI AYU"));
  EXPECT_TRUE(different("YULIANTO", "YULIANTI"));
  EXPECT_TRUE(different("HERMAWAN SAPUTRA", "HERMAWATI SAPUTRA"));
  // A lookalike at the same place is OCR damage.
  EXPECT_TRUE(variant_by("ADI PUTRA", "ADI PUTR4", "OCR-damaged characters"));
}

TEST(NameMatch, BalinesePrefixDropped) {
  EXPECT_TRUE(variant_by("I MADE ADNYANA", "MADE ADNYANA", "Balinese prefix I/NI dropped"));
  EXPECT_TRUE(variant_by("LUH PUTU SARI", "NI LUH PUTU SARI", "Balinese prefix I/NI dropped"));
  EXPECT_TRUE(different("I MADE ADNYANA", "KETUT ADNYANA"));
}

TEST(NameMatch, NoName) {
  for (const auto& [typed, printed] :
       {std::pair{"SITI AMINAH", ""}, {"SITI AMINAH", "   "}, {"SITI AMINAH", ": -"}, {"", "SITI AMINAH"}, {"", ""}}) {
    const NameComparison c = compare_person_names(typed, printed);
    EXPECT_EQ(c.verdict, NameVerdict::Different) << "'" << typed << "' / '" << printed << "'";
    EXPECT_EQ(c.rule, "no name");
    EXPECT_EQ(c.similarity, 0.0);
  }
}

TEST(NameMatch, Deterministic) {
  const NameComparison a = compare_person_names("H. MOCH. SJAMSUDIN, S.H.", "MUHAMMAD SYAMSUDIN");
  const NameComparison b = compare_person_names("H. MOCH. SJAMSUDIN, S.H.", "MUHAMMAD SYAMSUDIN");
  EXPECT_EQ(a.rule, b.rule);
  EXPECT_EQ(a.similarity, b.similarity);
}

}  // namespace
}  // namespace berkas
