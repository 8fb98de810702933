// Synthetic residents and households whose every number agrees with the
// rest: NIK region = registered district, NIK date = birth date (+40 for
// women), KK number = district + issue date.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "region/region_table.hpp"
#include "rng.hpp"

namespace berkas::samples {

struct Person {
  std::string name;
  char sex = 'M';
  Date birth_date;
  std::string birth_place;
  std::string nik;
  std::string religion;
  std::string marital_status;  // BELUM KAWIN, KAWIN, CERAI HIDUP, CERAI MATI
  std::string occupation;
  std::string education;
  std::string blood_type;    // A, B, AB, O or "-"
  std::string relationship;  // in the family card: KEPALA KELUARGA, ISTRI, ANAK...
  std::string father_name, mother_name;
  std::string tradition;
};

// Where a household is registered, as printed (upper case).
struct Residence {
  std::string province;  // JAWA BARAT
  std::string regency;   // KABUPATEN BOGOR
  std::string district;  // CIBINONG
  std::string village;   // PAKANSARI
  std::string district_code;
  bool village_is_kelurahan = false;
  std::string address;  // JL. MAWAR NO. 5
  std::string rt_rw;    // 003/005
  std::string postal_code;
};

struct Household {
  std::string kk_number;
  Date kk_issued;
  Residence residence;
  std::vector<Person> members;  // members[0] is the head
  const Person& head() const { return members.front(); }
};

class PopulationGenerator {
 public:
  PopulationGenerator(Rng rng, const RegionTable& regions, Date today);

  Household household();
  // Another person (for "different person" problems), same region style.
  Person stranger(const Residence& near);
  // A fresh valid NIK for the same birth date and sex (a typing error that
  // is still a possible NIK).
  std::string other_nik_like(const Person& p);
  std::string person_name(char sex, const std::string& tradition);
  const Date& today() const { return today_; }
  Rng& rng() { return rng_; }
  const RegionTable& regions() const { return regions_; }

 private:
  Residence residence();
  Person person(char sex, int min_age, int max_age, const Residence& r, const std::string& tradition);
  std::string unique_nik(const std::string& district, const Date& birth, char sex);
  std::string birth_place(const Residence& r);
  const std::string& pick_tradition();

  Rng rng_;
  const RegionTable& regions_;
  Date today_;
  std::set<std::string> used_numbers_;
  std::vector<std::string> tradition_pool_;
};

std::string upper(std::string_view s);

}  // namespace berkas::samples
