#include "engine/compiler/database_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hs/hs.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <utility>

#include "engine/compiler/binary_codec.h"

namespace modfilter {
namespace {

constexpr std::string_view kMagic = "MFDB";
constexpr std::uint32_t kFormatVersion = 9;

Error database_error(const std::string& name, std::string message,
                     std::string hint = "rebuild it with 'modfilter compile "
                                        "RULES -o FILE'") {
  return Error{ErrorKind::kDatabase, name, 0, 0, "", std::move(message),
               std::move(hint)};
}

// A file mapped read-only: loading reads it straight from the page cache,
// without copying 9 MB into a fresh buffer (and faulting in its pages).
class MappedFile {
 public:
  static std::expected<MappedFile, Error> open(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return std::unexpected(Error{ErrorKind::kIo, path.string(), 0, 0, "",
                                   "cannot open the database file",
                                   "check that it exists and is readable"});
    }
    MappedFile file;
    struct stat st {};
    bool ok = ::fstat(fd, &st) == 0;
    if (ok && st.st_size > 0) {
      void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size),
                         PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      ok = map != MAP_FAILED;
      if (ok) {
        file.data_ = static_cast<const char*>(map);
        file.size_ = static_cast<std::size_t>(st.st_size);
      }
    }
    ::close(fd);
    if (!ok) {
      return std::unexpected(Error{ErrorKind::kIo, path.string(), 0, 0, "",
                                   "cannot read the database file", ""});
    }
    return file;
  }
  MappedFile(MappedFile&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)) {}
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }

  std::string_view bytes() const noexcept { return {data_, size_}; }

 private:
  MappedFile() = default;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

// The Hyperscan build and the CPU features it compiled for; a database is
// only loaded where both match.
std::string platform_tag() {
  hs_platform_info_t platform{};
  std::string tag = hs_version();
  if (hs_populate_platform(&platform) == HS_SUCCESS) {
    tag += " tune=" + std::to_string(platform.tune) +
           " features=" + std::to_string(platform.cpu_features);
  }
  return tag;
}

void write_location(BinaryWriter& w, const SourceLocation& l) {
  w.bytes(l.file);
  w.u32(static_cast<std::uint32_t>(l.line));
  w.u32(static_cast<std::uint32_t>(l.column));
}

SourceLocation read_location(BinaryReader& r) {
  SourceLocation l;
  l.file = r.string();
  l.line = static_cast<int>(r.u32());
  l.column = static_cast<int>(r.u32());
  return l;
}

void write_strings(BinaryWriter& w, const std::vector<std::string>& v) {
  w.u64(v.size());
  for (const auto& s : v) w.bytes(s);
}

std::vector<std::string> read_strings(BinaryReader& r) {
  std::vector<std::string> v(r.count(8));
  for (auto& s : v) s = r.string();
  return v;
}

void write_entries(BinaryWriter& w, const std::vector<Entry>& v) {
  w.u64(v.size());
  for (const auto& e : v) {
    w.bytes(e.text);
    write_location(w, e.location);
    w.u32(e.list);
  }
}

std::vector<Entry> read_entries(BinaryReader& r) {
  std::vector<Entry> v(r.count(20));
  for (auto& e : v) {
    e.text = r.string();
    e.location = read_location(r);
    e.list = r.u32();
  }
  return v;
}

void write_steps(BinaryWriter& w, const std::vector<SequenceStep>& v) {
  w.u64(v.size());
  for (const auto& s : v) {
    w.u8(static_cast<std::uint8_t>(s.kind));
    w.u32(s.min);
    w.u32(s.max);
    write_entries(w, s.entries);
    write_strings(w, s.lists);
  }
}

void write_matchers(BinaryWriter& w, const std::vector<Matcher>& v) {
  w.u64(v.size());
  for (const auto& m : v) {
    w.u8(static_cast<std::uint8_t>(m.kind));
    w.u8(static_cast<std::uint8_t>(m.view));
    write_entries(w, m.entries);
    write_strings(w, m.suffixes);
    write_strings(w, m.proclitics);
    write_strings(w, m.lists);
    write_steps(w, m.steps);
    w.u8(m.scope.has_value());
    w.u8(static_cast<std::uint8_t>(m.scope.value_or(Scope::kComment)));
    write_location(w, m.location);
  }
}

template <typename Enum>
Enum read_enum(BinaryReader& r, std::uint8_t max) {
  const std::uint8_t v = r.u8();
  if (v > max) return static_cast<Enum>(0);
  return static_cast<Enum>(v);
}

std::vector<SequenceStep> read_steps(BinaryReader& r) {
  std::vector<SequenceStep> v(r.count(25));
  for (auto& s : v) {
    s.kind = read_enum<SequenceStep::Kind>(r, 1);
    s.min = static_cast<std::uint16_t>(r.u32());
    s.max = static_cast<std::uint16_t>(r.u32());
    s.entries = read_entries(r);
    s.lists = read_strings(r);
  }
  return v;
}

std::vector<Matcher> read_matchers(BinaryReader& r) {
  std::vector<Matcher> v(r.count(2));
  for (auto& m : v) {
    m.kind = read_enum<MatcherKind>(r, 3);
    m.view = read_enum<View>(r, 2);
    m.entries = read_entries(r);
    m.suffixes = read_strings(r);
    m.proclitics = read_strings(r);
    m.lists = read_strings(r);
    m.steps = read_steps(r);
    const bool has_scope = r.u8() != 0;
    const auto scope = read_enum<Scope>(r, 2);
    if (has_scope) m.scope = scope;
    m.location = read_location(r);
  }
  return v;
}

void write_rule(BinaryWriter& w, const Rule& rule) {
  w.bytes(rule.id);
  w.u8(static_cast<std::uint8_t>(rule.category));
  w.bytes(rule.subcategory);
  w.bytes(rule.reason);
  w.u8(static_cast<std::uint8_t>(rule.action));
  w.u64(rule.groups.size());
  for (const auto& g : rule.groups) write_matchers(w, g);
  w.u8(rule.near.has_value());
  w.u32(rule.near.value_or(0));
  w.u8(rule.near_words.has_value());
  w.u32(rule.near_words.value_or(0));
  w.u8(rule.ordered);
  w.u8(rule.scope.has_value());
  w.u8(static_cast<std::uint8_t>(rule.scope.value_or(Scope::kComment)));
  w.u8(static_cast<std::uint8_t>(rule.quoted));
  write_matchers(w, rule.unless);
  w.u32(rule.min_count);
  write_entries(w, rule.allow);
  write_strings(w, rule.langs);
  w.u64(rule.tests.size());
  for (const auto& t : rule.tests) {
    w.bytes(t.text);
    w.u8(static_cast<std::uint8_t>(t.expect_action));
    w.u8(t.expect_match);
    write_location(w, t.location);
  }
  write_location(w, rule.location);
}

Rule read_rule(BinaryReader& r) {
  Rule rule;
  rule.id = r.string();
  rule.category = read_enum<Category>(r, 3);
  rule.subcategory = r.string();
  rule.reason = r.string();
  rule.action = read_enum<Action>(r, 1);
  rule.groups.resize(r.count(8));
  for (auto& g : rule.groups) g = read_matchers(r);
  const bool has_near = r.u8() != 0;
  const std::uint32_t near = r.u32();
  if (has_near) rule.near = near;
  const bool has_near_words = r.u8() != 0;
  const std::uint32_t near_words = r.u32();
  if (has_near_words) rule.near_words = near_words;
  rule.ordered = r.u8() != 0;
  const bool has_scope = r.u8() != 0;
  const auto scope = read_enum<Scope>(r, 2);
  if (has_scope) rule.scope = scope;
  rule.quoted = read_enum<Quoted>(r, 1);
  rule.unless = read_matchers(r);
  rule.min_count = r.u32();
  rule.allow = read_entries(r);
  rule.langs = read_strings(r);
  rule.tests.resize(r.count(10));
  for (auto& t : rule.tests) {
    t.text = r.string();
    t.expect_action = read_enum<Action>(r, 1);
    t.expect_match = r.u8() != 0;
    t.location = read_location(r);
  }
  rule.location = read_location(r);
  return rule;
}

}  // namespace

// Detects damage, not tampering. Eight bytes a step: the byte-at-a-time
// FNV-1a of ContentHash was half of the start-up time of the default rules
// (a 3.7 MB file). Four lanes of 8 bytes each, because one lane waits on
// its multiply every step (1.8 ms over the 9 MB default database). Each
// step is a bijection of its lane's state and the lanes are mixed at the
// end, so any change to one word changes the result.
std::uint64_t database_checksum(std::string_view bytes) noexcept {
  constexpr std::uint64_t kMultiplier = 0x9e3779b97f4a7c15ULL;
  auto step = [](std::uint64_t& h, std::uint64_t word) {
    h = (h ^ word) * kMultiplier;
    h ^= h >> 29;
  };
  auto word_at = [&bytes](std::size_t i) {
    std::uint64_t word;
    std::memcpy(&word, bytes.data() + i, 8);
    return word;
  };
  std::uint64_t lanes[4] = {bytes.size() * kMultiplier, 1, 2, 3};
  std::size_t i = 0;
  for (; i + 32 <= bytes.size(); i += 32) {
    for (std::size_t lane = 0; lane < 4; ++lane) {
      step(lanes[lane], word_at(i + 8 * lane));
    }
  }
  std::uint64_t h = lanes[0];
  for (std::size_t lane = 1; lane < 4; ++lane) step(h, lanes[lane]);
  for (; i + 8 <= bytes.size(); i += 8) step(h, word_at(i));
  std::uint64_t tail = 0;
  if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  step(h, tail);
  return h;
}

// Reads and writes CompiledRules' private state.
class CompiledRulesCodec {
 public:
  static std::expected<std::string, Error> encode(const CompiledRules& c) {
    BinaryWriter w;
    w.data() += kMagic;
    w.u32(kFormatVersion);
    w.bytes(platform_tag());
    w.bytes(c.id_);
    w.bytes(c.rules_.content_hash);

    const RuleSet& set = c.rules_;
    w.bytes(set.name);
    w.u64(set.files.size());
    for (const auto& f : set.files) {
      w.bytes(f.path);
      write_strings(w, f.langs);
    }
    w.u64(set.rules.size());
    for (const auto& rule : set.rules) write_rule(w, rule);
    w.u64(set.lists.size());
    for (const auto& list : set.lists) {
      w.bytes(list.name);
      w.bytes(list.subcategory);
      write_entries(w, list.entries);
      write_strings(w, list.includes);
      write_location(w, list.location);
    }

    w.u64(c.patterns_.size());
    for (const auto& p : c.patterns_) {
      w.u32(p.rule);
      w.u32(p.group);
      w.u32(p.matcher);
      w.u32(p.entry);
      w.u8(static_cast<std::uint8_t>(p.role));
      w.u8(static_cast<std::uint8_t>(p.kind));
      w.u8(static_cast<std::uint8_t>(p.view));
      w.u8(p.som);
      w.u32(p.lexeme);
      w.u32(p.list);
      w.u32(p.sequence);
    }
    w.u64(c.lexemes_.size());
    for (const Lexeme& l : c.lexemes_) {
      w.bytes(l.literal);
      w.u8(static_cast<std::uint8_t>(l.kind));
      w.u8(static_cast<std::uint8_t>(l.view));
      w.u8(l.allow);
      for (const std::uint32_t v :
           {l.suffixes, l.proclitics, l.first_use, l.use_count}) {
        w.u32(v);
      }
    }
    w.u64(c.lexeme_uses_.size());
    for (const std::uint32_t u : c.lexeme_uses_) w.u32(u);
    w.u64(c.sequences_.size());
    for (const SequenceInfo& q : c.sequences_) {
      for (const std::uint32_t v : {q.pattern, q.first_step, q.step_count}) {
        w.u32(v);
      }
    }
    w.u64(c.sequence_steps_.size());
    for (const SequenceStepInfo& q : c.sequence_steps_) {
      w.u32(q.min);
      w.u32(q.max);
      w.u8(q.any);
      w.u32(q.first_member);
      w.u32(q.member_count);
    }
    w.u64(c.step_members_.size());
    for (const StepMember& m : c.step_members_) {
      w.u32(m.lexeme);
      w.u32(m.list);
    }
    w.u64(c.affix_sets_.size());
    for (const auto& s : c.affix_sets_) write_strings(w, s);
    write_strings(w, c.all_suffixes_);
    write_strings(w, c.all_proclitics_);
    const TokenIndex& index = c.token_index_;
    w.bytes(index.keys_);
    w.u64(index.entries_.size());
    for (const TokenIndex::Entry& e : index.entries_) {
      for (const std::uint32_t v : {e.key, e.key_size, e.hits, e.hit_count}) {
        w.u32(v);
      }
    }
    w.u64(index.hits_.size());
    for (const TokenHit& h : index.hits_) {
      w.u32(h.lexeme);
      w.u8(h.prefix);
    }
    w.u64(index.longest_prefix_);
    const SlipIndex& slips = c.slip_index_;
    write_strings(w, slips.forms_);
    w.u64(slips.known_.size());
    for (const std::uint64_t bits : slips.known_) w.u64(bits);
    w.u8(slips.probes_);
    w.u64(slips.known_count_);
    const CompileStats& s = c.stats_;
    for (std::size_t v : {s.rules, s.patterns, s.literals, s.lexemes,
                          s.regexes, s.sequences, s.lists, s.token_keys,
                          s.slip_forms, s.known_words, s.database_bytes,
                          s.confirm_databases}) {
      w.u64(v);
    }
    for (const HsDatabase* db :
         {&c.normalized_db_, &c.raw_db_, &c.arabizi_db_,
          &c.confirm_normalized_db_, &c.confirm_raw_db_}) {
      if (auto ok = write_database(w, *db, c.id_); !ok) {
        return std::unexpected(ok.error());
      }
    }
    w.u64(c.anchor_groups_.size());
    for (const std::uint16_t g : c.anchor_groups_) w.u32(g);
    w.u64(c.has_confirm_.size());
    for (const std::uint8_t h : c.has_confirm_) w.u8(h);
    w.u64(database_checksum(w.data()));
    return std::move(w.data());
  }

  static std::expected<std::shared_ptr<const CompiledRules>, Error> decode(
      std::string_view bytes, const std::string& name) {
    if (bytes.size() < kMagic.size() + 12 || !bytes.starts_with(kMagic)) {
      return std::unexpected(database_error(
          name, "not a modfilter database (no MFDB magic)",
          "give a file written by 'modfilter compile RULES -o FILE'"));
    }
    const std::string_view body = bytes.substr(0, bytes.size() - 8);
    BinaryReader tail(bytes.substr(bytes.size() - 8));
    if (tail.u64() != database_checksum(body)) {
      return std::unexpected(
          database_error(name, "the file is damaged (checksum mismatch)"));
    }
    BinaryReader r(body.substr(kMagic.size()));
    if (const std::uint32_t version = r.u32(); version != kFormatVersion) {
      return std::unexpected(database_error(
          name, "database format version " + std::to_string(version) +
                    ", this modfilter reads version " +
                    std::to_string(kFormatVersion)));
    }
    if (const std::string built = r.string(); built != platform_tag()) {
      return std::unexpected(database_error(
          name, "built for Hyperscan " + built + ", this machine runs " +
                    platform_tag()));
    }
    auto c = std::make_shared<CompiledRules>();
    c->id_ = r.string();
    c->rules_.content_hash = r.string();
    RuleSet& set = c->rules_;
    set.name = r.string();
    set.files.resize(r.count(16));
    for (auto& f : set.files) {
      f.path = r.string();
      f.langs = read_strings(r);
    }
    set.rules.resize(r.count(32));
    for (auto& rule : set.rules) rule = read_rule(r);
    set.lists.resize(r.count(40));
    for (auto& list : set.lists) {
      list.name = r.string();
      list.subcategory = r.string();
      list.entries = read_entries(r);
      list.includes = read_strings(r);
      list.location = read_location(r);
    }
    c->patterns_.resize(r.count(32));
    for (auto& p : c->patterns_) {
      p.rule = r.u32();
      p.group = static_cast<std::uint16_t>(r.u32());
      p.matcher = static_cast<std::uint16_t>(r.u32());
      p.entry = r.u32();
      p.role = read_enum<PatternRole>(r, 2);
      p.kind = read_enum<MatcherKind>(r, 3);
      p.view = read_enum<View>(r, 2);
      p.som = r.u8() != 0;
      p.lexeme = r.u32();
      p.list = r.u32();
      p.sequence = r.u32();
    }
    c->lexemes_.resize(r.count(27));
    for (Lexeme& l : c->lexemes_) {
      l.literal = r.string();
      l.kind = read_enum<MatcherKind>(r, 3);
      l.view = read_enum<View>(r, 2);
      l.allow = r.u8() != 0;
      for (std::uint32_t* v :
           {&l.suffixes, &l.proclitics, &l.first_use, &l.use_count}) {
        *v = r.u32();
      }
    }
    c->lexeme_uses_.resize(r.count(4));
    for (std::uint32_t& u : c->lexeme_uses_) u = r.u32();
    c->sequences_.resize(r.count(12));
    for (SequenceInfo& q : c->sequences_) {
      for (std::uint32_t* v : {&q.pattern, &q.first_step, &q.step_count}) {
        *v = r.u32();
      }
    }
    c->sequence_steps_.resize(r.count(17));
    for (SequenceStepInfo& q : c->sequence_steps_) {
      q.min = static_cast<std::uint16_t>(r.u32());
      q.max = static_cast<std::uint16_t>(r.u32());
      q.any = r.u8() != 0;
      q.first_member = r.u32();
      q.member_count = r.u32();
    }
    c->step_members_.resize(r.count(8));
    for (StepMember& m : c->step_members_) {
      m.lexeme = r.u32();
      m.list = r.u32();
    }
    c->affix_sets_.resize(r.count(8));
    for (auto& s : c->affix_sets_) s = read_strings(r);
    c->all_suffixes_ = read_strings(r);
    c->all_proclitics_ = read_strings(r);
    c->index_languages();
    TokenIndex& index = c->token_index_;
    index.keys_ = r.string();
    index.entries_.resize(r.count(16));
    for (TokenIndex::Entry& e : index.entries_) {
      for (std::uint32_t* v : {&e.key, &e.key_size, &e.hits, &e.hit_count}) {
        *v = r.u32();
      }
    }
    index.hits_.resize(r.count(5));
    for (TokenHit& h : index.hits_) {
      h.lexeme = r.u32();
      h.prefix = r.u8() != 0;
    }
    index.longest_prefix_ = static_cast<std::size_t>(r.u64());
    if (!index.well_formed()) {
      return std::unexpected(
          database_error(name, "the file is damaged (bad token index)"));
    }
    index.index();
    SlipIndex& slips = c->slip_index_;
    slips.forms_ = read_strings(r);
    slips.known_.resize(r.count(8));
    for (std::uint64_t& bits : slips.known_) bits = r.u64();
    slips.probes_ = r.u8();
    slips.known_count_ = r.u64();
    if (!well_formed(slips)) {
      return std::unexpected(
          database_error(name, "the file is damaged (bad slip index)"));
    }
    slips.index();
    CompileStats& s = c->stats_;
    for (std::size_t* v : {&s.rules, &s.patterns, &s.literals, &s.lexemes,
                           &s.regexes, &s.sequences, &s.lists, &s.token_keys,
                           &s.slip_forms, &s.known_words, &s.database_bytes,
                           &s.confirm_databases}) {
      *v = static_cast<std::size_t>(r.u64());
    }
    for (HsDatabase* db :
         {&c->normalized_db_, &c->raw_db_, &c->arabizi_db_,
          &c->confirm_normalized_db_, &c->confirm_raw_db_}) {
      if (auto ok = read_database(r, *db, name); !ok) {
        return std::unexpected(ok.error());
      }
    }
    c->anchor_groups_.resize(r.count(4));
    for (auto& g : c->anchor_groups_) g = static_cast<std::uint16_t>(r.u32());
    c->has_confirm_.resize(r.count(1));
    for (std::uint8_t& h : c->has_confirm_) h = r.u8();
    if (!r.ok() || !r.at_end() || !consistent(*c)) {
      return std::unexpected(
          database_error(name, "the file is damaged (bad structure)"));
    }
    c->index_sequences();
    find_spans(*c);
    static std::atomic<std::uint64_t> next_serial{1ULL << 32};
    c->serial_ = next_serial.fetch_add(1);
    return std::shared_ptr<const CompiledRules>(std::move(c));
  }

 private:
  // Forms of 4-32 letters a-z, sorted and distinct, and a filter of whole
  // cache lines (8 words) that is empty exactly when there are no forms:
  // what index() and SlipIndex::known() take for granted.
  static bool well_formed(const SlipIndex& slips) {
    for (std::size_t i = 0; i < slips.forms_.size(); ++i) {
      const std::string& form = slips.forms_[i];
      if (form.size() < 4 || form.size() > 32 ||
          !std::ranges::all_of(form, [](char ch) { return ch >= 'a' && ch <= 'z'; }) ||
          (i > 0 && !(slips.forms_[i - 1] < form))) {
        return false;
      }
    }
    const std::size_t words = slips.known_.size();
    return slips.forms_.empty() == (words == 0) && words % 8 == 0 &&
           words / 8 <= 0xffffffffu && slips.probes_ <= 16;
  }

  static std::expected<void, Error> write_database(BinaryWriter& w,
                                                   const HsDatabase& db,
                                                   const std::string& id) {
    if (!db) {
      w.bytes({});
      return {};
    }
    char* bytes = nullptr;
    std::size_t length = 0;
    if (hs_serialize_database(db.get(), &bytes, &length) != HS_SUCCESS) {
      return std::unexpected(
          database_error(id, "cannot serialise the Hyperscan database", ""));
    }
    w.bytes(std::string_view(bytes, length));
    std::free(bytes);
    return {};
  }

  static std::expected<void, Error> read_database(BinaryReader& r,
                                                  HsDatabase& db,
                                                  const std::string& name) {
    const std::string_view blob = r.bytes();
    if (blob.empty() || !r.ok()) return {};
    hs_database_t* raw = nullptr;
    if (hs_deserialize_database(blob.data(), blob.size(), &raw) != HS_SUCCESS) {
      return std::unexpected(
          database_error(name, "Hyperscan refused the database in the file"));
    }
    db = HsDatabase(raw);
    return {};
  }

  // The span finders of the regexes compiled without SOM, each compiled on
  // its first use (span_finder.h). After consistent(): every entry exists.
  static void find_spans(CompiledRules& c) {
    c.span_finders_.resize(c.patterns_.size());
    for (std::uint32_t id = 0; id < c.patterns_.size(); ++id) {
      const PatternInfo& p = c.patterns_[id];
      if (p.kind != MatcherKind::kRegex || p.som) continue;
      const Rule& rule = c.rules_.rules[p.rule];
      const Matcher& m = p.role == PatternRole::kUnless
                             ? rule.unless[p.matcher]
                             : rule.groups[p.group][p.matcher];
      c.span_finders_[id] = SpanFinder::deferred(m.entries[p.entry].text);
    }
  }

  // Every index in the tables points where it should, so that a file that
  // passed the checksum but was written wrongly still cannot make the
  // scanner or the policy read out of bounds.
  static bool consistent(const CompiledRules& c) {
    const auto& rules = c.rules_.rules;
    const std::size_t lists = c.rules_.lists.size();
    auto list_ok = [lists](std::uint32_t list) {
      return list == kNoList || list < lists;
    };
    for (const Lexeme& l : c.lexemes_) {
      if (l.suffixes >= c.affix_sets_.size() ||
          l.proclitics >= c.affix_sets_.size() || l.literal.empty() ||
          l.kind == MatcherKind::kRegex || l.kind == MatcherKind::kSequence ||
          std::uint64_t{l.first_use} + l.use_count > c.lexeme_uses_.size()) {
        return false;
      }
    }
    for (std::size_t id = 0; id < c.lexemes_.size(); ++id) {
      const Lexeme& l = c.lexemes_[id];
      for (std::uint32_t u = l.first_use; u < l.first_use + l.use_count; ++u) {
        const std::uint32_t use = c.lexeme_uses_[u];
        if (use >= c.patterns_.size() || c.patterns_[use].lexeme != id) {
          return false;
        }
      }
    }
    std::uint64_t next_step = 0;  // the sequences' steps tile the table
    for (const SequenceInfo& q : c.sequences_) {
      if (q.pattern >= c.patterns_.size() ||
          c.patterns_[q.pattern].kind != MatcherKind::kSequence ||
          q.first_step != next_step || q.step_count == 0) {
        return false;
      }
      next_step += q.step_count;
    }
    if (next_step != c.sequence_steps_.size()) return false;
    for (const SequenceStepInfo& q : c.sequence_steps_) {
      if (std::uint64_t{q.first_member} + q.member_count > c.step_members_.size() ||
          q.min > q.max) {
        return false;
      }
    }
    for (const StepMember& m : c.step_members_) {
      if (m.lexeme >= c.lexemes_.size() || !list_ok(m.list)) return false;
    }
    for (const WordList& list : c.rules_.lists) {
      for (const Entry& e : list.entries) {
        if (!list_ok(e.list)) return false;
      }
    }
    for (const PatternInfo& p : c.patterns_) {
      if (p.rule >= rules.size() || !list_ok(p.list)) return false;
      const bool vocabulary = p.kind == MatcherKind::kWords ||
                              p.kind == MatcherKind::kPrefixes;
      if (vocabulary != (p.lexeme != kNoLexeme) ||
          (vocabulary && p.lexeme >= c.lexemes_.size())) {
        return false;
      }
      if (p.kind == MatcherKind::kSequence &&
          (p.sequence >= c.sequences_.size() ||
           c.sequences_[p.sequence].step_count == 0)) {
        return false;
      }
      const Rule& rule = rules[p.rule];
      switch (p.role) {
        case PatternRole::kGroup:
          if (p.group >= rule.groups.size() ||
              p.matcher >= rule.groups[p.group].size() ||
              p.entry >= rule.groups[p.group][p.matcher].entries.size()) {
            return false;
          }
          break;
        case PatternRole::kUnless:
          if (p.matcher >= rule.unless.size() ||
              p.entry >= rule.unless[p.matcher].entries.size()) {
            return false;
          }
          break;
        case PatternRole::kAllow:  // words only: no matcher to find a regex in
          if (p.entry >= rule.allow.size() || p.kind == MatcherKind::kRegex) {
            return false;
          }
          break;
      }
    }
    for (const TokenHit& h : c.token_index_.hits_) {
      if (h.lexeme >= c.lexemes_.size()) return false;
    }
    if (c.anchor_groups_.size() != rules.size()) return false;
    for (std::size_t r = 0; r < rules.size(); ++r) {
      if (c.anchor_groups_[r] >= rules[r].groups.size()) return false;
    }
    return c.has_confirm_.size() == rules.size() &&
           std::ranges::all_of(c.has_confirm_, [](std::uint8_t views) {
             return views <= (CompiledRules::kConfirmNormalized |
                              CompiledRules::kConfirmRaw);
           });
  }
};

std::expected<std::string, Error> serialize(const CompiledRules& rules) {
  return CompiledRulesCodec::encode(rules);
}

std::expected<std::shared_ptr<const CompiledRules>, Error> deserialize(
    std::string_view bytes, const std::string& name) {
  return CompiledRulesCodec::decode(bytes, name);
}

std::expected<void, Error> save_database(const CompiledRules& rules,
                                         const std::filesystem::path& path) {
  auto bytes = serialize(rules);
  if (!bytes) return std::unexpected(std::move(bytes.error()));
  const auto temp = std::filesystem::path(
      path.string() + ".tmp." + std::to_string(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(bytes->data(), static_cast<std::streamsize>(bytes->size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temp, ec);
      return std::unexpected(Error{ErrorKind::kIo, path.string(), 0, 0, "",
                                   "cannot write the database file",
                                   "check the directory and free space"});
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return std::unexpected(Error{ErrorKind::kIo, path.string(), 0, 0, "",
                                 "cannot move the database into place: " +
                                     ec.message(),
                                 ""});
  }
  return {};
}

std::expected<std::shared_ptr<const CompiledRules>, Error> load_database(
    const std::filesystem::path& path) {
  auto file = MappedFile::open(path);
  if (!file) return std::unexpected(std::move(file.error()));
  return deserialize(file->bytes(), path.string());
}

bool is_database_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  return in && std::string_view(magic, 4) == kMagic;
}

}  // namespace modfilter
