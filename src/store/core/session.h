// store::Session: one leased database connection with its open transaction, as services pass it to each
// other and to repositories. Only src/store/ (and the .cc files of services) see SOCI itself.
#pragma once

namespace soci {
class session;
}

namespace civic::store {

using Session = soci::session;

}  // namespace civic::store
