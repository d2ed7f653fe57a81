// The header alone must compile as C++11 (and link).
#include "argon2rs.h"

#include <cstdio>

int main() {
    lh_argon2_params p;
    lh_argon2_status rc = lh_argon2_params_from_profile(LH_ARGON2_PROFILE_DEFAULT, &p);
    std::printf("C++11: %s, default m=%u\n", lh_argon2_version(), static_cast<unsigned>(p.m_cost));
    return rc == LH_ARGON2_OK && p.m_cost == 65536 ? 0 : 1;
}
