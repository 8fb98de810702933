// Every generated person's numbers agree with the rest of what is printed:
// the NIK's region is where they are registered, its date is their birth
// date with +40 for women, and the KK number carries the card's issue date.
#include <gtest/gtest.h>

#include <sstream>

#include "person.hpp"
#include "region/nik.hpp"

namespace berkas::samples {
namespace {

TEST(Population, NikRulesHoldForEveryGeneratedPerson) {
  const RegionTable& regions = RegionTable::standard();
  const Date today{2026, 11, 24};
  PopulationGenerator population(Rng(20261124), regions, today);
  std::set<std::string> niks;
  int people = 0;
  for (int i = 0; i < 400; ++i) {
    const Household h = population.household();
    const auto kk = read_kk_number(h.kk_number, regions, today.year);
    ASSERT_TRUE(kk.ok()) << h.kk_number << ": " << to_string(kk.problem);
    EXPECT_EQ(kk.birth_date, h.kk_issued);
    EXPECT_EQ(kk.district_code, h.residence.district_code);
    // The printed region names are the table's names for the NIK's code.
    const Region* district = regions.find(h.residence.district_code);
    ASSERT_NE(district, nullptr);
    EXPECT_EQ(upper(district->name), h.residence.district);
    EXPECT_EQ(upper(regions.parent(*district)->name), h.residence.regency);
    EXPECT_EQ(upper(regions.parent(*regions.parent(*district))->name), h.residence.province);
    ASSERT_FALSE(h.members.empty());
    EXPECT_EQ(h.members[0].relationship, "KEPALA KELUARGA");
    for (const Person& p : h.members) {
      ++people;
      const auto r = read_nik(p.nik, regions, today.year);
      ASSERT_TRUE(r.ok()) << p.nik << ": " << to_string(r.problem);
      EXPECT_EQ(r.district_code, h.residence.district_code);
      EXPECT_EQ(r.birth_date, p.birth_date) << p.nik;
      EXPECT_EQ(r.sex, p.sex) << p.nik;
      EXPECT_TRUE(niks.insert(p.nik).second) << "NIK issued twice: " << p.nik;
      EXPECT_LE(p.birth_date, today);
      // Names: upper case, single spaces, 1-4 words.
      EXPECT_EQ(p.name, upper(p.name));
      EXPECT_EQ(p.name.find("  "), std::string::npos);
      std::istringstream words(p.name);
      int n = 0;
      for (std::string w; words >> w;) ++n;
      EXPECT_GE(n, 1);
      EXPECT_LE(n, 4) << p.name;
    }
  }
  EXPECT_GT(people, 1000);
}

TEST(Population, SameSeedSamePeople) {
  const RegionTable& regions = RegionTable::standard();
  PopulationGenerator a(Rng(7), regions, Date{2026, 1, 1}), b(Rng(7), regions, Date{2026, 1, 1});
  for (int i = 0; i < 20; ++i) {
    const Household x = a.household(), y = b.household();
    ASSERT_EQ(x.kk_number, y.kk_number);
    ASSERT_EQ(x.members.size(), y.members.size());
    for (size_t k = 0; k < x.members.size(); ++k) EXPECT_EQ(x.members[k].name, y.members[k].name);
  }
}

}  // namespace
}  // namespace berkas::samples
