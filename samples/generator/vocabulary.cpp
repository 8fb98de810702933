#include "vocabulary.hpp"

#include <array>

namespace berkas::samples {
namespace {

using sv = std::string_view;

// Javanese
constexpr std::array<sv, 30> kJavaM{
    "SLAMET",  "BUDI", "SUPARMAN", "SUGENG",    "JOKO",     "BAMBANG", "HARYANTO", "SUWARNO",  "TRI",     "AGUS",
    "EKO",     "DWI",  "PRASETYO", "WAHYUDI",   "SUTRISNO", "PURNOMO", "SANTOSO",  "KUSNADI",  "WIDODO",  "SETIAWAN",
    "NUGROHO", "HADI", "SUSILO",   "SUDARSONO", "MARYONO",  "TEGUH",   "ARIF",     "YULIANTO", "RAHARJO", "SOEKARDI"};
constexpr std::array<sv, 26> kJavaF{"SRI",      "WAHYUNI", "SUMARNI",   "SUPARMI", "ENDANG",  "RATNA",     "TRI",
                                    "DWI",      "LESTARI", "WULANDARI", "RAHAYU",  "SITI",    "KARTINI",   "SUGIYEM",
                                    "PARTINEM", "YULIANI", "PUJI",      "ASTUTI",  "NINGSIH", "SETYOWATI", "RETNO",
                                    "WIDYA",    "DEWI",    "SUMIATI",   "TUTIK",   "MURNIATI"};
// Sundanese
constexpr std::array<sv, 16> kSundaM{"ASEP",  "UJANG", "CECEP", "DEDE", "ENDANG",   "DADANG",   "UCUP",   "JAJANG",
                                     "AHMAD", "YAYAT", "DEDI",  "OMAN", "RUSTANDI", "SUHERMAN", "HENDRA", "KURNIA"};
constexpr std::array<sv, 14> kSundaF{"EUIS", "NENG",  "IMAS", "ENTIN",     "YATI",  "CUCU",     "NENENG",
                                     "ELIS", "TITIN", "IIS",  "NURHAYATI", "LILIS", "ROSMIATI", "DEDAH"};
constexpr std::array<sv, 14> kSundaFam{"SUNARYA", "SUPRIATNA", "HIDAYAT",  "KURNIAWAN", "PERMANA",
                                       "SAPUTRA", "RUSMANA",   "SOMANTRI", "NURJAMAN",  "SETIADI",
                                       "MULYANA", "RAHMAT",    "GUNAWAN",  "HERMAWAN"};
// Arabic-Malay Muslim names, common everywhere
constexpr std::array<sv, 24> kMuslimM{"MUHAMMAD", "AHMAD",  "ABDUL",    "RIDWAN",   "FAUZI",     "HASAN",
                                      "HUSEIN",   "ZAINAL", "SYAIFUL",  "RAHMAT",   "IBRAHIM",   "ISMAIL",
                                      "YUSUF",    "HAMZAH", "FIRDAUS",  "NUR",      "KHOIRUL",   "ARIFIN",
                                      "MUSTOFA",  "ANWAR",  "ZULKIFLI", "SYAHRIAL", "JAMALUDIN", "MAHMUD"};
constexpr std::array<sv, 22> kMuslimF{"SITI",     "NUR",    "AMINAH",  "FATIMAH",  "AISYAH",    "KHADIJAH",
                                      "ZAINAB",   "MARYAM", "NURAINI", "HALIMAH",  "RAHMAWATI", "SALAMAH",
                                      "JUBAEDAH", "ROHANA", "MASITOH", "ULFA",     "HASANAH",   "NURHALIZA",
                                      "ZAHRA",    "ANISA",  "FITRI",   "MUNAWAROH"};
constexpr std::array<sv, 10> kMuslimFam{"HIDAYAT",   "RAHMAN",   "HAKIM",      "SALEH",    "MAULANA",
                                        "SYAHPUTRA", "HASIBUAN", "FIRMANSYAH", "RAMADHAN", "ALFARIZI"};
// Batak
constexpr std::array<sv, 14> kBatakM{"JUNIOR", "PARULIAN",  "BONAR", "TUMPAL", "HOTMAN",    "RUDOLF", "MARTUA",
                                     "SAHAT",  "MANGIRING", "DAVID", "ROBERT", "FERDINAND", "TORANG", "POLTAK"};
constexpr std::array<sv, 11> kBatakF{"ROSTIANA", "MASTIUR", "HOTNIDA",  "RUMONDANG", "LAMRIA", "SARAH",
                                     "DUMA",     "TIURMA",  "NURMAIDA", "ROSLINA",   "MARTHA"};
constexpr std::array<sv, 16> kBatakFam{"SIREGAR",   "SIMANJUNTAK", "NASUTION",   "LUBIS",      "HARAHAP",   "SITOMPUL",
                                       "PANJAITAN", "HUTAPEA",     "SINAGA",     "SIMATUPANG", "SIHOMBING", "TAMBUNAN",
                                       "MANURUNG",  "PASARIBU",    "SITUMORANG", "GINTING"};
// Minangkabau / Malay
constexpr std::array<sv, 12> kMinangM{"SYAFRIZAL", "RUSLI",  "ZULHENDRI", "AFRIZAL",  "YONDRIZAL", "DASRIL",
                                      "ERIZAL",    "HENDRI", "JONI",      "NOVRIZAL", "DEDI",      "FAISAL"};
constexpr std::array<sv, 10> kMinangF{"YULIANTI", "NURHAYATI",  "ROSMANIAR", "ERNIWATI", "YUSNIDAR",
                                      "DESI",     "RATNAWILIS", "ASMAWATI",  "YENNI",    "ELFITA"};
// Balinese
constexpr std::array<sv, 4> kBaliPrefixM{"I MADE", "I WAYAN", "I KETUT", "I NYOMAN"};
constexpr std::array<sv, 4> kBaliPrefixF{"NI LUH", "NI MADE", "NI WAYAN", "NI KETUT"};
constexpr std::array<sv, 12> kBaliM{"SUDARSANA", "ARTANA", "MERTAYASA", "SUARDIKA", "WIRAWAN", "PUTRA",
                                    "ADNYANA",   "SUTAMA", "DARMAWAN",  "SUKADANA", "GEDE",    "BUDIARTA"};
constexpr std::array<sv, 10> kBaliF{"SUKARMI", "ARIANI",     "SRIASIH", "PUSPAWATI", "KARTIKA",
                                    "SUARNI",  "WIDIASTUTI", "ARYANI",  "SUWITRI",   "DEWI"};
// Chinese-Indonesian
constexpr std::array<sv, 12> kChineseM{"HENDRA",  "WILLIAM", "ANTON", "KEVIN",  "SUSANTO", "BUDIMAN",
                                       "HARTONO", "ROBBY",   "FELIX", "STEVEN", "TEDDY",   "LIONG"};
constexpr std::array<sv, 11> kChineseF{"LINDA",   "MEILANI", "SUSAN",   "LILY", "JESSICA", "WENNY",
                                       "MELIANA", "YENNY",   "CYNTHIA", "LIE",  "NOVI"};
constexpr std::array<sv, 12> kChineseFam{"GUNAWAN", "WIJAYA",    "SANTOSO", "HALIM", "TANOTO", "SALIM",
                                         "TANJAYA", "KURNIAWAN", "SETIADI", "LIM",   "TAN",    "SUTANTO"};
// Bugis / Makassar
constexpr std::array<sv, 2> kBugisPrefixM{"ANDI", "LA"};
constexpr std::array<sv, 2> kBugisPrefixF{"ANDI", "WA"};
constexpr std::array<sv, 10> kBugisM{"BAHTIAR", "SAMSUDDIN", "AMIRUDDIN", "MUHAMMAD",  "RAHMAN",
                                     "MAPPA",   "SYAMSUL",   "IRWAN",     "HAERUDDIN", "BASO"};
constexpr std::array<sv, 9> kBugisF{"NURHAEDA", "HASNAH",  "MARHAMAH", "SITTI",  "HADIJAH",
                                    "RAHMI",    "ASRIANI", "BAU",      "NURLINA"};
// Manado / Ambon / Flores (Christian)
constexpr std::array<sv, 14> kEastM{"YOHANES",   "FRANSISKUS", "PETRUS", "MARKUS", "YAKOBUS", "STEVANUS", "ALOYSIUS",
                                    "BERNARDUS", "KORNELIS",   "SEMUEL", "YOSEF",  "ANDREAS", "THOMAS",   "PAULUS"};
constexpr std::array<sv, 12> kEastF{"MARIA",      "MAGDALENA", "YOHANA",   "KRISTINA", "AGUSTINA", "ELISABETH",
                                    "MARGARETHA", "FRANSISKA", "VERONIKA", "THERESIA", "YULIANA",  "MARTINA"};
constexpr std::array<sv, 14> kEastFam{"LUMENTUT",    "PATTIASINA", "SUMAMPOW", "WAROUW",    "PATTIRADJAWANE",
                                      "LATUHARHARY", "RUMAGIT",    "DA SILVA", "DE ROSARI", "MANUPUTTY",
                                      "TUMBELAKA",   "NAHAK",      "SERAN",    "LAMAHODA"};
// Papuan
constexpr std::array<sv, 8> kPapuaM{"YAKOB",      "NATALIS", "ELIAS",    "DOMINGGUS",
                                    "OKTOVIANUS", "MARTHEN", "SEPTINUS", "YULIUS"};
constexpr std::array<sv, 7> kPapuaF{"YOSINA", "MARIA", "DORKAS", "YULIANA", "NELCE", "MARTINA", "RAHEL"};
constexpr std::array<sv, 9> kPapuaFam{"WENDA",    "WONDA", "KOGOYA",  "TABUNI", "RUMBIAK",
                                      "MANSOBEN", "YIKWA", "KAREMBU", "WANIMBO"};
// Acehnese
constexpr std::array<sv, 2> kAcehPrefixM{"TEUKU", "T."};
constexpr std::array<sv, 2> kAcehPrefixF{"CUT", "CUT"};

constexpr std::array<sv, 1> kIslam{"ISLAM"};
constexpr std::array<sv, 3> kChristian{"KRISTEN", "KRISTEN", "KATOLIK"};
constexpr std::array<sv, 2> kCatholic{"KATOLIK", "KRISTEN"};
constexpr std::array<sv, 1> kHindu{"HINDU"};
constexpr std::array<sv, 4> kChineseRel{"BUDDHA", "KRISTEN", "KATOLIK", "KONGHUCU"};
constexpr std::array<sv, 0> kNone{};

const std::array<NameTradition, 11> kTraditions{{
    {"javanese", kJavaM, kJavaF, kNone, kNone, kNone, kIslam, 30},
    {"sundanese", kSundaM, kSundaF, kSundaFam, kNone, kNone, kIslam, 14},
    {"muslim", kMuslimM, kMuslimF, kMuslimFam, kNone, kNone, kIslam, 18},
    {"batak", kBatakM, kBatakF, kBatakFam, kNone, kNone, kChristian, 6},
    {"minang", kMinangM, kMinangF, kNone, kNone, kNone, kIslam, 5},
    {"balinese", kBaliM, kBaliF, kNone, kBaliPrefixM, kBaliPrefixF, kHindu, 4},
    {"chinese", kChineseM, kChineseF, kChineseFam, kNone, kNone, kChineseRel, 4},
    {"bugis", kBugisM, kBugisF, kNone, kBugisPrefixM, kBugisPrefixF, kIslam, 5},
    {"eastern", kEastM, kEastF, kEastFam, kNone, kNone, kCatholic, 6},
    {"papuan", kPapuaM, kPapuaF, kPapuaFam, kNone, kNone, kChristian, 3},
    {"acehnese", kMuslimM, kMuslimF, kNone, kAcehPrefixM, kAcehPrefixF, kIslam, 3},
}};

constexpr std::array<sv, 40> kStreets{
    "MAWAR",       "MELATI",           "KENANGA",       "ANGGREK",     "FLAMBOYAN",     "CEMPAKA",
    "DAHLIA",      "JEND. SUDIRMAN",   "A. YANI",       "DIPONEGORO",  "GATOT SUBROTO", "PAHLAWAN",
    "MERDEKA",     "PEMUDA",           "KARTINI",       "IMAM BONJOL", "HASANUDDIN",    "TUANKU IMAM",
    "RAYA BOGOR",  "PERINTIS",         "KEMUNING",      "SUKAMAJU",    "NANGKA",        "RAMBUTAN",
    "DURIAN",      "MANGGA",           "KELAPA GADING", "PASAR LAMA",  "LINTAS TIMUR",  "SISINGAMANGARAJA",
    "TELUK BAYUR", "KH. AHMAD DAHLAN", "SULTAN AGUNG",  "RADEN INTAN", "PATTIMURA",     "MH. THAMRIN",
    "SILIWANGI",   "WR. SUPRATMAN",    "CUT NYAK DIEN", "TJUT MEUTIA"};

constexpr std::array<sv, 18> kOccupations{"BELUM/TIDAK BEKERJA",
                                          "MENGURUS RUMAH TANGGA",
                                          "PELAJAR/MAHASISWA",
                                          "PETANI/PEKEBUN",
                                          "NELAYAN/PERIKANAN",
                                          "WIRASWASTA",
                                          "KARYAWAN SWASTA",
                                          "BURUH HARIAN LEPAS",
                                          "BURUH TANI/PERKEBUNAN",
                                          "PEDAGANG",
                                          "PEGAWAI NEGERI SIPIL",
                                          "GURU",
                                          "PENSIUNAN",
                                          "SOPIR",
                                          "TUKANG BATU",
                                          "TUKANG KAYU",
                                          "PERANGKAT DESA",
                                          "KARYAWAN HONORER"};

constexpr std::array<sv, 9> kEducations{
    "TIDAK/BELUM SEKOLAH", "BELUM TAMAT SD/SEDERAJAT",    "TAMAT SD/SEDERAJAT",  "SLTP/SEDERAJAT", "SLTA/SEDERAJAT",
    "DIPLOMA I/II",        "AKADEMI/DIPLOMA III/S. MUDA", "DIPLOMA IV/STRATA I", "STRATA II"};

constexpr std::array<sv, 8> kSktmPurposes{"PENGURUSAN JAMINAN PERSALINAN (JAMPERSAL)",
                                          "PERSYARATAN BEROBAT DI RUMAH SAKIT UMUM DAERAH",
                                          "PENGAJUAN KERINGANAN BIAYA PERAWATAN DI RUMAH SAKIT",
                                          "PENDAFTARAN JKN PENERIMA BANTUAN IURAN APBD",
                                          "PERSYARATAN JAMINAN KESEHATAN DAERAH",
                                          "BEROBAT RAWAT INAP DI RSUD",
                                          "PENGURUSAN SURAT REKOMENDASI DINAS KESEHATAN",
                                          "PERSYARATAN JAMINAN SOSIAL KESEHATAN (JAMSOSKES)"};

constexpr std::array<sv, 6> kOtherTitles{"SURAT RUJUKAN",   "SURAT KETERANGAN RAWAT INAP",
                                         "RESUME MEDIS",    "SURAT KETERANGAN TIDAK MEMILIKI JAMINAN KESEHATAN",
                                         "SURAT PENGANTAR", "SURAT KETERANGAN DOMISILI"};

}  // namespace

std::span<const NameTradition> name_traditions() { return kTraditions; }
std::span<const std::string_view> street_names() { return kStreets; }
std::span<const std::string_view> occupations() { return kOccupations; }
std::span<const std::string_view> educations() { return kEducations; }
std::span<const std::string_view> sktm_purposes() { return kSktmPurposes; }
std::span<const std::string_view> other_letter_titles() { return kOtherTitles; }

}  // namespace berkas::samples
