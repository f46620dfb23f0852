"""GB/T 4754-2017 industry classification (国民经济行业分类): sections and divisions.

English names are descriptive translations; the Chinese names are the standard's own.
"""

from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from django.utils.translation import get_language

Level = Literal["section", "division"]


@dataclass(frozen=True, slots=True)
class Industry:
    code: str  # section letter "A"–"T" or two-digit division code "01"–"97"
    name: str
    name_zh: str
    section: str  # section letter; a section's own code

    @property
    def is_section(self) -> bool:
        return self.code == self.section

    @property
    def level(self) -> Level:
        return "section" if self.is_section else "division"

    def localized_name(self, language: str | None = None) -> str:
        return self.name_zh if _is_chinese(language) else self.name


# (section letter, English name, Chinese name, ((division code, English, Chinese), …))
_DATA: tuple[tuple[str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        "A",
        "Agriculture, forestry, animal husbandry and fishery",
        "农、林、牧、渔业",
        (
            ("01", "Agriculture", "农业"),
            ("02", "Forestry", "林业"),
            ("03", "Animal husbandry", "畜牧业"),
            ("04", "Fishery", "渔业"),
            (
                "05",
                "Professional and support activities for agriculture, forestry, "
                "animal husbandry and fishery",
                "农、林、牧、渔专业及辅助性活动",
            ),
        ),
    ),
    (
        "B",
        "Mining",
        "采矿业",
        (
            ("06", "Mining and washing of coal", "煤炭开采和洗选业"),
            ("07", "Extraction of petroleum and natural gas", "石油和天然气开采业"),
            ("08", "Mining and processing of ferrous metal ores", "黑色金属矿采选业"),
            (
                "09",
                "Mining and processing of non-ferrous metal ores",
                "有色金属矿采选业",
            ),
            ("10", "Mining and processing of non-metal ores", "非金属矿采选业"),
            (
                "11",
                "Professional and support activities for mining",
                "开采专业及辅助性活动",
            ),
            ("12", "Other mining", "其他采矿业"),
        ),
    ),
    (
        "C",
        "Manufacturing",
        "制造业",
        (
            ("13", "Processing of food from agricultural products", "农副食品加工业"),
            ("14", "Manufacture of food products", "食品制造业"),
            (
                "15",
                "Manufacture of liquor, beverages and refined tea",
                "酒、饮料和精制茶制造业",
            ),
            ("16", "Manufacture of tobacco products", "烟草制品业"),
            ("17", "Manufacture of textiles", "纺织业"),
            (
                "18",
                "Manufacture of textile wearing apparel and accessories",
                "纺织服装、服饰业",
            ),
            (
                "19",
                "Manufacture of leather, fur, feather and related products "
                "and footwear",
                "皮革、毛皮、羽毛及其制品和制鞋业",
            ),
            (
                "20",
                "Processing of timber and manufacture of wood, bamboo, rattan, "
                "palm and straw products",
                "木材加工和木、竹、藤、棕、草制品业",
            ),
            ("21", "Manufacture of furniture", "家具制造业"),
            ("22", "Manufacture of paper and paper products", "造纸和纸制品业"),
            (
                "23",
                "Printing and reproduction of recording media",
                "印刷和记录媒介复制业",
            ),
            (
                "24",
                "Manufacture of articles for culture, education, arts and crafts, "
                "sport and entertainment",
                "文教、工美、体育和娱乐用品制造业",
            ),
            (
                "25",
                "Processing of petroleum, coal and other fuels",
                "石油、煤炭及其他燃料加工业",
            ),
            (
                "26",
                "Manufacture of raw chemical materials and chemical products",
                "化学原料和化学制品制造业",
            ),
            ("27", "Manufacture of medicines", "医药制造业"),
            ("28", "Manufacture of chemical fibres", "化学纤维制造业"),
            ("29", "Manufacture of rubber and plastic products", "橡胶和塑料制品业"),
            (
                "30",
                "Manufacture of non-metallic mineral products",
                "非金属矿物制品业",
            ),
            (
                "31",
                "Smelting and pressing of ferrous metals",
                "黑色金属冶炼和压延加工业",
            ),
            (
                "32",
                "Smelting and pressing of non-ferrous metals",
                "有色金属冶炼和压延加工业",
            ),
            ("33", "Manufacture of metal products", "金属制品业"),
            ("34", "Manufacture of general-purpose machinery", "通用设备制造业"),
            ("35", "Manufacture of special-purpose machinery", "专用设备制造业"),
            ("36", "Manufacture of automobiles", "汽车制造业"),
            (
                "37",
                "Manufacture of railway, ship, aerospace and other transport equipment",
                "铁路、船舶、航空航天和其他运输设备制造业",
            ),
            (
                "38",
                "Manufacture of electrical machinery and equipment",
                "电气机械和器材制造业",
            ),
            (
                "39",
                "Manufacture of computers, communication and other electronic "
                "equipment",
                "计算机、通信和其他电子设备制造业",
            ),
            ("40", "Manufacture of instruments and meters", "仪器仪表制造业"),
            ("41", "Other manufacturing", "其他制造业"),
            (
                "42",
                "Comprehensive utilization of waste resources",
                "废弃资源综合利用业",
            ),
            (
                "43",
                "Repair of metal products, machinery and equipment",
                "金属制品、机械和设备修理业",
            ),
        ),
    ),
    (
        "D",
        "Production and supply of electricity, heat, gas and water",
        "电力、热力、燃气及水生产和供应业",
        (
            (
                "44",
                "Production and supply of electricity and heat",
                "电力、热力生产和供应业",
            ),
            ("45", "Production and supply of gas", "燃气生产和供应业"),
            ("46", "Production and supply of water", "水的生产和供应业"),
        ),
    ),
    (
        "E",
        "Construction",
        "建筑业",
        (
            ("47", "Construction of buildings", "房屋建筑业"),
            ("48", "Civil engineering", "土木工程建筑业"),
            ("49", "Construction installation", "建筑安装业"),
            (
                "50",
                "Building decoration, renovation and other construction",
                "建筑装饰、装修和其他建筑业",
            ),
        ),
    ),
    (
        "F",
        "Wholesale and retail trade",
        "批发和零售业",
        (
            ("51", "Wholesale trade", "批发业"),
            ("52", "Retail trade", "零售业"),
        ),
    ),
    (
        "G",
        "Transport, storage and postal services",
        "交通运输、仓储和邮政业",
        (
            ("53", "Rail transport", "铁路运输业"),
            ("54", "Road transport", "道路运输业"),
            ("55", "Water transport", "水上运输业"),
            ("56", "Air transport", "航空运输业"),
            ("57", "Pipeline transport", "管道运输业"),
            (
                "58",
                "Multimodal transport and transport agency services",
                "多式联运和运输代理业",
            ),
            ("59", "Loading, unloading and warehousing", "装卸搬运和仓储业"),
            ("60", "Postal services", "邮政业"),
        ),
    ),
    (
        "H",
        "Accommodation and catering",
        "住宿和餐饮业",
        (
            ("61", "Accommodation", "住宿业"),
            ("62", "Catering services", "餐饮业"),
        ),
    ),
    (
        "I",
        "Information transmission, software and information technology services",
        "信息传输、软件和信息技术服务业",
        (
            (
                "63",
                "Telecommunications, radio and television, and satellite "
                "transmission services",
                "电信、广播电视和卫星传输服务",
            ),
            ("64", "Internet and related services", "互联网和相关服务"),
            (
                "65",
                "Software and information technology services",
                "软件和信息技术服务业",
            ),
        ),
    ),
    (
        "J",
        "Finance",
        "金融业",
        (
            ("66", "Monetary and financial services", "货币金融服务"),
            ("67", "Capital market services", "资本市场服务"),
            ("68", "Insurance", "保险业"),
            ("69", "Other financial services", "其他金融业"),
        ),
    ),
    (
        "K",
        "Real estate",
        "房地产业",
        (("70", "Real estate", "房地产业"),),
    ),
    (
        "L",
        "Leasing and business services",
        "租赁和商务服务业",
        (
            ("71", "Leasing", "租赁业"),
            ("72", "Business services", "商务服务业"),
        ),
    ),
    (
        "M",
        "Scientific research and technical services",
        "科学研究和技术服务业",
        (
            ("73", "Research and experimental development", "研究和试验发展"),
            ("74", "Professional technical services", "专业技术服务业"),
            (
                "75",
                "Technology promotion and application services",
                "科技推广和应用服务业",
            ),
        ),
    ),
    (
        "N",
        "Management of water conservancy, environment and public facilities",
        "水利、环境和公共设施管理业",
        (
            ("76", "Water conservancy management", "水利管理业"),
            (
                "77",
                "Ecological protection and environmental management",
                "生态保护和环境治理业",
            ),
            ("78", "Public facilities management", "公共设施管理业"),
            ("79", "Land management", "土地管理业"),
        ),
    ),
    (
        "O",
        "Resident services, repair and other services",
        "居民服务、修理和其他服务业",
        (
            ("80", "Resident services", "居民服务业"),
            (
                "81",
                "Repair of motor vehicles, electronic products and household goods",
                "机动车、电子产品和日用产品修理业",
            ),
            ("82", "Other services", "其他服务业"),
        ),
    ),
    (
        "P",
        "Education",
        "教育",
        (("83", "Education", "教育"),),
    ),
    (
        "Q",
        "Health and social work",
        "卫生和社会工作",
        (
            ("84", "Health", "卫生"),
            ("85", "Social work", "社会工作"),
        ),
    ),
    (
        "R",
        "Culture, sports and entertainment",
        "文化、体育和娱乐业",
        (
            ("86", "News and publishing", "新闻和出版业"),
            (
                "87",
                "Radio, television, film and sound recording production",
                "广播、电视、电影和录音制作业",
            ),
            ("88", "Culture and arts", "文化艺术业"),
            ("89", "Sports", "体育"),
            ("90", "Entertainment", "娱乐业"),
        ),
    ),
    (
        "S",
        "Public administration, social security and social organizations",
        "公共管理、社会保障和社会组织",
        (
            ("91", "Organs of the Communist Party of China", "中国共产党机关"),
            ("92", "State organs", "国家机构"),
            (
                "93",
                "People's political consultative conferences and democratic parties",
                "人民政协、民主党派",
            ),
            ("94", "Social security", "社会保障"),
            (
                "95",
                "Mass organizations, social organizations and other membership "
                "organizations",
                "群众团体、社会团体和其他成员组织",
            ),
            (
                "96",
                "Grassroots self-governing organizations and other organizations",
                "基层群众自治组织及其他组织",
            ),
        ),
    ),
    (
        "T",
        "International organizations",
        "国际组织",
        (("97", "International organizations", "国际组织"),),
    ),
)

#: Every section followed by its divisions, in the standard's order.
INDUSTRIES: tuple[Industry, ...] = tuple(
    industry
    for letter, name, name_zh, divisions in _DATA
    for industry in (
        Industry(letter, name, name_zh, letter),
        *(Industry(code, en, zh, letter) for code, en, zh in divisions),
    )
)
SECTIONS: tuple[Industry, ...] = tuple(i for i in INDUSTRIES if i.is_section)
DIVISIONS: tuple[Industry, ...] = tuple(i for i in INDUSTRIES if not i.is_section)

_BY_CODE = MappingProxyType({i.code: i for i in INDUSTRIES})
# A search longer than every name and code can match nothing.
QUERY_MAX_LENGTH = max(len(text) for i in INDUSTRIES for text in (i.name, i.name_zh))

del _DATA


def _is_chinese(language: str | None) -> bool:
    language = language or get_language() or ""
    return language.lower().startswith("zh")


def _normalize(code: str) -> str:
    return code.strip().upper()


def get_industry(code: str) -> Industry | None:
    """The section ("C") or division ("38") with this code, or None."""
    return _BY_CODE.get(_normalize(code))


def is_division(code: str) -> bool:
    industry = get_industry(code)
    return industry is not None and not industry.is_section


def is_manufacturing(code: str) -> bool:
    """True for section C itself and its divisions 13–43."""
    industry = get_industry(code)
    return industry is not None and industry.section == "C"


def search_industries(q: str = "") -> list[Industry]:
    """Match on code prefix, English or Chinese name substring; standard order."""
    q = q.strip().casefold()
    if not q:
        return list(INDUSTRIES)
    return [
        i
        for i in INDUSTRIES
        if i.code.casefold().startswith(q) or q in i.name.casefold() or q in i.name_zh
    ]


def display_name(code: str, language: str | None = None) -> str:
    """Localized name (Chinese when the language is zh*); unknown codes as given."""
    industry = get_industry(code)
    return industry.localized_name(language) if industry else code


def division_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Form choices for the 97 divisions, e.g. ("38", "38 — 电气机械和器材制造业")."""
    zh = _is_chinese(language)
    return [(d.code, f"{d.code} — {d.name_zh if zh else d.name}") for d in DIVISIONS]
