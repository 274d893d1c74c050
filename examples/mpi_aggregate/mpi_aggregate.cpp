// Distributed aggregation with MPI: each rank summarises its share of a survey export;
// histogram counts combine with MPI_Reduce(MPI_SUM) on their fixed layout, and the moments
// of response lengths travel as encoded bytes (cxmetrics::encode) merged in rank order on
// rank 0, which prints the report and checks it against one pass over all the data.
// Run: mpirun -np 4 mpi_aggregate [survey.csv]
#include <cxmetrics/cxmetrics.hpp>

#include <mpi.h>

#include <cmath>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) {
  MPI_Init(&argc, &argv);
  int rank = 0, size = 1, status = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  try {
    const std::string path = argc > 1 ? argv[1] : CXMETRICS_SAMPLE_DATA;
    const auto rows = examples::read_columns(path, {"response_id", "nps_rating"});
    cx::nps_histogram mine;
    cx::moments ids;  // any real-valued measure travels the same way; here the response ids
    for (std::size_t i = static_cast<std::size_t>(rank); i < rows.size(); i += static_cast<std::size_t>(size)) {
      mine.add(std::stoi(rows[i][1]));
      ids.add(std::stod(rows[i][0]));
    }

    // Counts: a fixed layout of 11 uint64 values, summed exactly by MPI.
    cx::nps_histogram::counts_type total_counts{};
    MPI_Reduce(mine.counts().data(), total_counts.data(), static_cast<int>(total_counts.size()), MPI_UINT64_T, MPI_SUM,
               0, MPI_COMM_WORLD);

    // Moments: encoded bytes gathered to rank 0 (any engine that moves bytes can do this).
    const std::vector<std::uint8_t> bytes = cx::encode(ids);
    const int length = static_cast<int>(bytes.size());
    std::vector<int> lengths(static_cast<std::size_t>(size)), offsets(static_cast<std::size_t>(size));
    MPI_Gather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::vector<std::uint8_t> all;
    if (rank == 0) {
      for (int r = 1; r < size; ++r) offsets[r] = offsets[r - 1] + lengths[r - 1];
      all.resize(static_cast<std::size_t>(offsets[size - 1] + lengths[size - 1]));
    }
    MPI_Gatherv(bytes.data(), length, MPI_UINT8_T, all.data(), lengths.data(), offsets.data(), MPI_UINT8_T, 0,
                MPI_COMM_WORLD);

    if (rank == 0) {
      const auto merged_histogram = cx::nps_histogram::from_counts(total_counts);
      cx::moments merged_ids;
      for (int r = 0; r < size; ++r)
        merged_ids += cx::decode<cx::moments>(all.data() + offsets[r], static_cast<std::size_t>(lengths[r]));

      cx::nps_histogram single;  // the single-process answer
      cx::moments single_ids;
      for (const auto& row : rows) {
        single.add(std::stoi(row[1]));
        single_ids.add(std::stod(row[0]));
      }
      // Counts merge exactly; merged moments agree up to floating-point rounding.
      const bool same = merged_histogram == single && merged_ids.count() == single_ids.count() &&
                        std::fabs(merged_ids.mean() - single_ids.mean()) <= 1e-12 * std::fabs(single_ids.mean()) &&
                        std::fabs(merged_ids.variance() - single_ids.variance()) <= 1e-9 * single_ids.variance() &&
                        merged_ids.min() == single_ids.min() && merged_ids.max() == single_ids.max();
      std::cout << size << " ranks: " << cx::net_promoter_score(merged_histogram) << "\n"
                << "95% interval " << cx::nps_interval(merged_histogram) << "\n"
                << "response ids: n = " << merged_ids.count() << ", mean " << merged_ids.mean() << "\n"
                << (same ? "equal to the single-process answer\n" : "DIFFERENT from the single-process answer\n");
      status = same ? 0 : 1;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mpi_aggregate (rank %d): %s\n", rank, e.what());
    MPI_Abort(MPI_COMM_WORLD, 1);
  }
  MPI_Finalize();
  return status;
}
