"""Demo chains: a shared furniture template, copied by the furniture park,
and the appliance park's own chain."""

from __future__ import annotations

from decimal import Decimal

from attraction.demo.common import APPLIANCE_PARK, FURNITURE_PARK, M
from attraction.models import (
    Chain,
    ChainLink,
)
from parks.models import Park

# key, position, name, name_zh, codes, description, description_zh,
# strong firms, strong output (CNY million)
FURNITURE = (
    "Furniture and home furnishings",
    "家具家居产业链",
    "21",
    [
        (
            "timber",
            "upstream",
            "Timber",
            "林木资源",
            ["02", "2011"],
            "Plantation fir and pine from the Qiandongnan forests, sawn logs.",
            "黔东南人工林杉木、松木及原木锯材。",
            2,
            50,
        ),
        (
            "wood",
            "midstream",
            "Wood processing",
            "木材加工",
            ["20"],
            "Sawmills, plywood, fibreboard and engineered wood panels.",
            "锯材、胶合板、纤维板及人造板加工。",
            3,
            150,
        ),
        (
            "furniture",
            "midstream",
            "Furniture manufacturing",
            "家具制造",
            ["21"],
            "Solid-wood and panel furniture for Foshan brands.",
            "为佛山品牌配套的实木及板式家具制造。",
            4,
            400,
        ),
        (
            "textiles",
            "downstream",
            "Home textiles and fittings",
            "家纺与五金配件",
            ["17", "3351"],
            "Upholstery fabrics, curtains, bedding; hinges, slides and handles.",
            "软包面料、窗帘、床品；铰链、滑轨、拉手等五金配件。",
            3,
            120,
        ),
        (
            "logistics",
            "downstream",
            "Logistics and e-commerce",
            "物流与电商",
            ["59", "54", "5292"],
            "Warehousing, trunk road freight to the Pearl River Delta, online sales.",
            "仓储、发往珠三角的干线公路货运及网络零售。",
            2,
            60,
        ),
    ],
)
APPLIANCES = (
    "Household appliances",
    "家用电器产业链",
    "38",
    [
        (
            "materials",
            "upstream",
            "Plastics and metals",
            "塑料与金属材料",
            ["29", "32"],
            "Engineering plastics, copper and aluminium.",
            "工程塑料、铜材、铝材。",
            2,
            150,
        ),
        (
            "parts",
            "midstream",
            "Castings and hardware",
            "铸件与五金",
            ["33", "34"],
            "Die castings, stampings, fasteners.",
            "压铸件、冲压件、紧固件。",
            2,
            100,
        ),
        (
            "moulds",
            "midstream",
            "Moulds and tooling",
            "模具与工装",
            ["35"],
            "Injection and stamping moulds for appliance makers.",
            "家电注塑及冲压模具。",
            2,
            100,
        ),
        (
            "electronics",
            "midstream",
            "Electronics and controls",
            "电子与电控",
            ["39", "40"],
            "Control boards, sensors and instruments.",
            "控制板、传感器与仪器仪表。",
            2,
            100,
        ),
        (
            "assembly",
            "downstream",
            "Motors and appliance assembly",
            "电机与整机装配",
            ["38"],
            "Motors, cables and kitchen appliances under Foshan brands.",
            "电机、线缆及佛山品牌厨房电器整机。",
            3,
            250,
        ),
        (
            "testing",
            "downstream",
            "Design, testing and certification",
            "设计、检测与认证",
            ["73", "74"],
            "Industrial design, CCC and energy-label testing near the factories.",
            "工业设计、3C 及能效标识检测，就近服务工厂。",
            1,
            5,
        ),
        (
            "packaging",
            "downstream",
            "Packaging and logistics",
            "包装与物流",
            ["22", "59"],
            "Cartons, foam and warehousing.",
            "纸箱、泡沫包装及仓储。",
            2,
            40,
        ),
    ],
)


def _chain(park: Park | None, spec) -> Chain:
    name, name_zh, industry, links = spec
    chain, _ = Chain.objects.update_or_create(
        park=park,
        name=name,
        defaults={"name_zh": name_zh, "industry_code": industry},
    )
    for order, (key, pos, en, zh, codes, desc, desc_zh, firms, output) in enumerate(
        links
    ):
        ChainLink.objects.update_or_create(
            chain=chain,
            key=key,
            defaults={
                "order": order,
                "position": pos,
                "name": en,
                "name_zh": zh,
                "industry_codes": codes,
                "description": desc,
                "description_zh": desc_zh,
                "strong_min_firms": firms,
                "strong_min_output": Decimal(output) * M,
                "weak_min_firms": 1,
                "weak_min_output": Decimal("0"),
            },
        )
    chain.links.exclude(key__in=[link[0] for link in links]).delete()
    return chain


def seed_chains() -> None:
    template = _chain(None, FURNITURE)
    _chain(None, APPLIANCES)
    furniture = _chain(Park.objects.get(name=FURNITURE_PARK), FURNITURE)
    if furniture.copied_from_id is None:
        furniture.copied_from = template
        furniture.save(update_fields=["copied_from"])
    _chain(Park.objects.get(name=APPLIANCE_PARK), APPLIANCES)
