// Placeholder so the module links before its first source lands; removed by the module's owner.
namespace civic::api {}
