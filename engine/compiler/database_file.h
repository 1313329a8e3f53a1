// Compiled database files (.mfdb): a CompiledRules saved so that a service
// starts in milliseconds instead of recompiling its rule set.
//
// Layout: a header (magic "MFDB", format version, the Hyperscan version and
// platform it was built for, the rule set's id and content hash) followed by
// the rule set, the pattern table, the token index and the serialised
// Hyperscan databases, then a 64-bit checksum of everything before it. A
// file built by another format or Hyperscan version, for another platform,
// or damaged in any byte is refused with a message and never half-loaded.
#pragma once

#include <cstdint>
#include <expected>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "engine/compiler/compiled_rules.h"
#include "engine/core/error.h"

namespace modfilter {

// Bytes of a .mfdb file for `rules`.
std::expected<std::string, Error> serialize(const CompiledRules& rules);

// Reads the bytes of a .mfdb file; `name` names it in error messages.
std::expected<std::shared_ptr<const CompiledRules>, Error> deserialize(
    std::string_view bytes, const std::string& name);

// Writes atomically (a temporary file in the same directory, then rename):
// a crash leaves the old file or the new one, never half of one.
std::expected<void, Error> save_database(const CompiledRules& rules,
                                         const std::filesystem::path& path);

std::expected<std::shared_ptr<const CompiledRules>, Error> load_database(
    const std::filesystem::path& path);

// The checksum that ends a .mfdb file, over every byte before it. It
// detects damage, not tampering (the fuzz target seals bodies with it).
std::uint64_t database_checksum(std::string_view bytes) noexcept;

// Whether the file starts with the .mfdb magic (cheap; reads 4 bytes).
bool is_database_file(const std::filesystem::path& path);

}  // namespace modfilter
