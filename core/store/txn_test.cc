#include "core/store/txn.h"

#include <filesystem>
#include <string>
#include <vector>

#include "core/store/codec.h"
#include "core/store/store.h"
#include "core/strings.h"
#include "gtest/gtest.h"

namespace ivsrt::store {
namespace {

class TxnTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           StrCat("ivsrt-txn-", ::testing::UnitTest::GetInstance()->current_test_info()->name(),
                  "-", getpid());
    std::filesystem::remove_all(dir_);
    store_ = *Store::Open(dir_.string(), Durability::kNoSync);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::vector<std::string> Keys(Table t, std::string_view prefix = "") {
    std::vector<std::string> keys;
    EXPECT_TRUE(store_
                    ->Read([&](const Txn& txn) {
                      return txn.Scan(t, prefix, prefix, [&](std::string_view k, std::string_view) {
                        keys.emplace_back(k);
                        return true;
                      });
                    })
                    .ok());
    return keys;
  }
  std::filesystem::path dir_;
  std::shared_ptr<Store> store_;
};

TEST_F(TxnTest, PutGetScanDeleteAndClear) {
  ASSERT_TRUE(store_
                  ->Write([](Txn& txn) -> absl::Status {
                    for (std::string_view k : {"a/2", "a/1", "b/1"}) {
                      if (auto s = txn.Put(Table::kResources, k, StrCat("v", k)); !s.ok()) return s;
                    }
                    return txn.Delete(Table::kResources, "absent");
                  })
                  .ok());
  EXPECT_EQ(Keys(Table::kResources, "a/"), (std::vector<std::string>{"a/1", "a/2"}));
  ASSERT_TRUE(store_
                  ->Read([](const Txn& txn) -> absl::Status {
                    auto v = txn.Get(Table::kResources, "b/1");
                    EXPECT_TRUE(v.ok() && v->has_value() && **v == "vb/1");
                    auto none = txn.Get(Table::kResources, "c");
                    EXPECT_TRUE(none.ok() && !none->has_value());
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(store_->Write([](Txn& txn) { return txn.Clear(Table::kResources); }).ok());
  EXPECT_TRUE(Keys(Table::kResources).empty());
}

TEST_F(TxnTest, AbsentLegacyTablesReadAsEmptyAndDropQuietly) {
  ASSERT_TRUE(store_
                  ->Write([this](Txn& txn) -> absl::Status {
                    EXPECT_FALSE(txn.Has(Table::kLegacyStages));
                    EXPECT_TRUE(txn.Has(Table::kResources));
                    auto v = txn.Get(Table::kLegacyStages, "x");
                    EXPECT_TRUE(v.ok() && !v->has_value());
                    EXPECT_TRUE(txn.Delete(Table::kLegacyTags, "x").ok());
                    return txn.Drop(Table::kLegacyStageOrder);
                  })
                  .ok());
  EXPECT_TRUE(Keys(Table::kLegacyStages).empty());
}

TEST(Codec, BigEndianKeysSortNumerically) {
  EXPECT_LT(BigEndian64(255), BigEndian64(256));
  EXPECT_EQ(ParseBigEndian64(BigEndian64(0x0102030405060708)), 0x0102030405060708u);
  EXPECT_FALSE(ParseBigEndian64("short").has_value());
}

}  // namespace
}  // namespace ivsrt::store
