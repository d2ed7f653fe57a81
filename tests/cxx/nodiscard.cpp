// Compiled, never run, by the hpp_nodiscard_* tests: with -DIGNORE_<call> the result of
// that call is dropped and the compile must fail with -Werror=unused-result ("ignoring
// return value"); with no IGNORE_ macro every result is used and the compile succeeds
// (the control, so a failure is known to come from [[nodiscard]]).
#include "argon2rs.hpp"

#include <string>

int main() {
    const std::string stored = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
    const argon2rs::params p = argon2rs::params::from_profile(argon2rs::profile::owasp);
    std::string out;
    bool needs = false;
    int used = 0;
    (void)p;
    (void)out;
#if defined(IGNORE_verify)
    argon2rs::verify(stored, "pw");
#elif defined(IGNORE_try_verify)
    argon2rs::try_verify(stored, "pw");
#elif defined(IGNORE_hash)
    argon2rs::hash("pw", p);
#elif defined(IGNORE_try_hash)
    argon2rs::try_hash("pw", out);
#elif defined(IGNORE_needs_rehash)
    argon2rs::needs_rehash(stored);
#elif defined(IGNORE_try_needs_rehash)
    argon2rs::try_needs_rehash(stored, needs, p);
#elif defined(IGNORE_hash_raw)
    argon2rs::hash_raw("pw", "saltsalt", p);
#elif defined(IGNORE_decode)
    argon2rs::decode(stored);
#else
    used += argon2rs::verify(stored, "pw") ? 1 : 0;
    used += argon2rs::try_verify(stored, "pw");
    used += static_cast<int>(argon2rs::hash("pw", p).size());
    used += argon2rs::try_hash("pw", out);
    used += argon2rs::needs_rehash(stored) ? 1 : 0;
    used += argon2rs::try_needs_rehash(stored, needs, p);
    used += static_cast<int>(argon2rs::hash_raw("pw", "saltsalt", p).size());
    used += static_cast<int>(argon2rs::decode(stored).m_cost);
#endif
    return used + (needs ? 1 : 0);
}
