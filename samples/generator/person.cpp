#include "person.hpp"

#include <algorithm>
#include <cstdio>

#include "region/nik.hpp"
#include "vocabulary.hpp"

namespace berkas::samples {

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out;
}

PopulationGenerator::PopulationGenerator(Rng rng, const RegionTable& regions, Date today)
    : rng_(rng), regions_(regions), today_(today) {
  for (const auto& t : name_traditions())
    for (int i = 0; i < t.weight; ++i) tradition_pool_.emplace_back(t.label);
}

const std::string& PopulationGenerator::pick_tradition() { return rng_.pick(tradition_pool_); }

namespace {

const NameTradition& tradition_named(const std::string& label) {
  for (const auto& t : name_traditions())
    if (t.label == label) return t;
  return name_traditions().front();
}

std::string strip_prefix(std::string name) {
  for (std::string_view p : {"Kabupaten ", "Kota "})
    if (name.rfind(p, 0) == 0) return name.substr(p.size());
  return name;
}

}  // namespace

std::string PopulationGenerator::person_name(char sex, const std::string& label) {
  const NameTradition& t = tradition_named(label);
  const auto& given = sex == 'F' ? t.female_given : t.male_given;
  const auto& prefix = sex == 'F' ? t.female_prefix : t.male_prefix;
  std::vector<std::string> words;
  if (!prefix.empty() && rng_.chance(0.85)) words.emplace_back(rng_.pick(prefix));
  words.emplace_back(rng_.pick(given));
  const double second = words.size() > 1 ? 0.35 : 0.6;
  if (rng_.chance(second)) {
    std::string w(rng_.pick(given));
    if (w != words.back()) words.push_back(w);
  }
  if (!t.family.empty() && rng_.chance(0.75)) words.emplace_back(rng_.pick(t.family));
  // Many people carry a single name (SUGIYEM); keep 1-4 words.
  if (prefix.empty() && t.family.empty() && rng_.chance(0.15)) words.resize(1);
  if (words.size() > 4) words.resize(4);
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

Residence PopulationGenerator::residence() {
  Residence r;
  const Region* district = nullptr;
  std::vector<const Region*> villages;
  while (villages.empty()) {
    district = rng_.pick(regions_.districts());
    villages = regions_.villages_of(district->code);
  }
  const Region* village = rng_.pick(villages);
  const Region* regency = regions_.parent(*district);
  const Region* province = regions_.parent(*regency);
  r.province = upper(province->name);
  r.regency = upper(regency->name);
  r.district = upper(district->name);
  r.village = upper(village->name);
  r.village_is_kelurahan = village->code[6] == '1';
  r.district_code = district->code;
  char buf[96];
  switch (rng_.uniform(0, 5)) {
    case 0:
      std::snprintf(buf, sizeof buf, "DUSUN %s", upper(village->name).c_str());
      break;
    case 1:
      std::snprintf(buf, sizeof buf, "KP. %s", std::string(rng_.pick(street_names())).c_str());
      break;
    case 2:
      std::snprintf(buf, sizeof buf, "PERUM GRIYA %s BLOK %c%d NO. %d", std::string(rng_.pick(street_names())).c_str(),
                    'A' + rng_.uniform(0, 7), rng_.uniform(1, 9), rng_.uniform(1, 40));
      break;
    case 3:
      std::snprintf(buf, sizeof buf, "JL. %s GG. %s NO. %d", std::string(rng_.pick(street_names())).c_str(),
                    std::string(rng_.pick(street_names())).c_str(), rng_.uniform(1, 120));
      break;
    default:
      std::snprintf(buf, sizeof buf, "JL. %s NO. %d", std::string(rng_.pick(street_names())).c_str(),
                    rng_.uniform(1, 250));
  }
  r.address = buf;
  std::snprintf(buf, sizeof buf, "%03d/%03d", rng_.uniform(1, 25), rng_.uniform(1, 15));
  r.rt_rw = buf;
  std::snprintf(buf, sizeof buf, "%d%d%03d", rng_.uniform(2, 9), rng_.uniform(0, 9), rng_.uniform(0, 999));
  r.postal_code = buf;
  return r;
}

std::string PopulationGenerator::birth_place(const Residence& r) {
  // Mostly born in the home regency or a district of it; sometimes elsewhere.
  if (rng_.chance(0.6)) {
    const Region* regency = regions_.find(r.district_code.substr(0, 4));
    return upper(strip_prefix(regency->name));
  }
  const Region* d = rng_.pick(regions_.districts());
  return upper(rng_.chance(0.5) ? strip_prefix(regions_.parent(*d)->name) : d->name);
}

std::string PopulationGenerator::unique_nik(const std::string& district, const Date& birth, char sex) {
  while (true) {
    std::string nik = make_nik(district, birth, sex, rng_.uniform(1, 9999));
    if (used_numbers_.insert(nik).second) return nik;
  }
}

Person PopulationGenerator::person(char sex, int min_age, int max_age, const Residence& r,
                                   const std::string& tradition) {
  Person p;
  p.sex = sex;
  p.tradition = tradition;
  p.name = person_name(sex, tradition);
  const long today = today_.days_since_epoch();
  p.birth_date = Date::from_days_since_epoch(today - rng_.uniform(min_age * 365 + 1, max_age * 365 + 300));
  p.birth_place = birth_place(r);
  p.nik = unique_nik(r.district_code, p.birth_date, sex);
  p.religion = std::string(rng_.pick(tradition_named(tradition).religions));
  const int age = today_.year - p.birth_date.year;
  p.occupation = age < 18                           ? (age < 5 ? "BELUM/TIDAK BEKERJA" : "PELAJAR/MAHASISWA")
                 : (sex == 'F' && rng_.chance(0.4)) ? "MENGURUS RUMAH TANGGA"
                                                    : std::string(rng_.pick(occupations()));
  if (sex == 'M' && p.occupation == "MENGURUS RUMAH TANGGA") p.occupation = "WIRASWASTA";
  const auto eds = educations();
  p.education = age < 6 ? std::string(eds[0]) : std::string(eds[rng_.uniform(1, std::min(8, 1 + age / 4))]);
  static constexpr std::string_view kBlood[] = {"A", "B", "AB", "O", "O", "-", "-", "-"};
  p.blood_type = std::string(rng_.pick(std::span<const std::string_view>(kBlood)));
  p.marital_status = age < 19 ? "BELUM KAWIN" : "KAWIN";
  return p;
}

Household PopulationGenerator::household() {
  Household h;
  h.residence = residence();
  const std::string& tradition = pick_tradition();
  const bool single_mother = rng_.chance(0.12);
  Person head = person(single_mother ? 'F' : 'M', 24, 68, h.residence, tradition);
  head.relationship = "KEPALA KELUARGA";
  if (single_mother) head.marital_status = rng_.chance(0.5) ? "CERAI HIDUP" : "CERAI MATI";
  head.father_name = person_name('M', tradition);
  head.mother_name = person_name('F', tradition);
  h.members.push_back(head);
  const int head_age = today_.year - head.birth_date.year;
  if (!single_mother) {
    Person wife = person('F', std::max(18, head_age - 15), std::min(head_age + 3, 70), h.residence,
                         rng_.chance(0.8) ? tradition : pick_tradition());
    wife.relationship = "ISTRI";
    wife.father_name = person_name('M', wife.tradition);
    wife.mother_name = person_name('F', wife.tradition);
    h.members.push_back(wife);
  }
  const int max_child_age = std::max(0, head_age - 20);
  const int children = max_child_age <= 0 ? 0 : rng_.uniform(0, 4);
  for (int i = 0; i < children; ++i) {
    Person child = person(rng_.chance(0.5) ? 'M' : 'F', 0, max_child_age, h.residence, tradition);
    child.relationship = "ANAK";
    child.father_name = single_mother ? person_name('M', tradition) : head.name;
    child.mother_name = single_mother ? head.name : h.members[1].name;
    h.members.push_back(child);
  }
  if (rng_.chance(0.1)) {
    Person elder = person(rng_.chance(0.6) ? 'F' : 'M', std::min(head_age + 18, 85), 90, h.residence, tradition);
    elder.relationship = rng_.chance(0.5) ? "ORANG TUA" : "MERTUA";
    elder.marital_status = "CERAI MATI";
    elder.father_name = person_name('M', tradition);
    elder.mother_name = person_name('F', tradition);
    h.members.push_back(elder);
  }
  h.kk_issued = Date::from_days_since_epoch(today_.days_since_epoch() - rng_.uniform(30, 365 * 12));
  while (true) {
    h.kk_number = make_kk_number(h.residence.district_code, h.kk_issued, rng_.uniform(1, 9999));
    if (used_numbers_.insert(h.kk_number).second) break;
  }
  return h;
}

Person PopulationGenerator::stranger(const Residence& near) {
  Person p = person(rng_.chance(0.5) ? 'M' : 'F', 18, 70, near, pick_tradition());
  p.relationship = "KEPALA KELUARGA";
  return p;
}

std::string PopulationGenerator::other_nik_like(const Person& p) {
  return unique_nik(p.nik.substr(0, 6), p.birth_date, p.sex);
}

}  // namespace berkas::samples
