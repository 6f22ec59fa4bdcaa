// Paging for lists (api.md): `page` from 1, `page_size` default 20 and at most 200.
#pragma once

#include <vector>

namespace civic {

struct PageRequest {
  int page = 1;
  int page_size = 20;

  // Throws InvalidInput{"page"} / {"page_size"} when out of range.
  void validate() const;
  long long offset() const { return static_cast<long long>(page - 1) * page_size; }
};

template <typename T>
struct Page {
  std::vector<T> items;
  long long total = 0;
  int page = 1;
  int page_size = 20;
};

}  // namespace civic
