#!/usr/bin/env python3
"""Generates default.json, the shipped demonstration framework (national-2026).

The content below is the single source of default.json: edit it here, run
`python3 build_default.py` (it rewrites default.json next to it) and then
`python3 check.py default.json`. `--check` only compares; `--tables` prints the
tables of docs/framework.md. Codes are assigned by position, so append new
aspects, indicators, items and checks at the end of their list; a published
version is never changed in place (see README.md).
"""

import json
import os
import sys

ALL_SITES = ["主干道", "背街小巷", "农贸市场", "广场", "公交站", "医院", "学校", "社区", "窗口单位", "公园",
             "公厕", "建筑工地", "商业大街", "景区", "车站码头"]
SITE_NAMES_EN = ["Main road", "Back street", "Farmers' market", "Square", "Bus stop", "Hospital", "School",
                 "Residential community", "Service window", "Park", "Public toilet", "Construction site",
                 "Commercial street", "Scenic spot", "Station or port"]

FIVE_POINT = [("5", "非常满意", "Very satisfied"), ("4", "满意", "Satisfied"), ("3", "一般", "Neutral"),
              ("2", "不满意", "Dissatisfied"), ("1", "非常不满意", "Very dissatisfied")]
SAFETY_FIVE_POINT = [("5", "很安全", "Very safe"), ("4", "安全", "Safe"), ("3", "基本安全", "Fairly safe"),
                     ("2", "不太安全", "Not very safe"), ("1", "不安全", "Unsafe")]
AWARENESS = [("know", "知道", "Yes, I know"), ("partly", "听说过，但不了解", "Heard of it only"),
             ("unknown", "不知道", "No")]
SATISFIED = ["4", "5"]
SATISFACTION_CURVE = [[0.5, 0], [0.9, 1]]

QUESTIONS = [
    ("Q_AWARE", "您是否知道本市正在创建全国文明城市？",
     "Do you know that the city is campaigning for the National Civilized City title?", AWARENESS),
    ("Q_SUPPORT", "您对本市创建全国文明城市持什么态度？",
     "What is your attitude towards the city's National Civilized City campaign?",
     [("strongly_support", "非常支持", "Strongly support"), ("support", "支持", "Support"),
      ("neutral", "无所谓", "Indifferent"), ("oppose", "不支持", "Do not support")]),
    ("Q_VALUES", "您是否了解社会主义核心价值观的基本内容？",
     "Are you familiar with the core socialist values?",
     [("know", "了解", "Yes"), ("partly", "了解一些", "Partly"), ("unknown", "不了解", "No")]),
    ("Q_VOLUNTEER", "近一年来您是否参加过志愿服务活动？",
     "Have you taken part in volunteer service in the past year?",
     [("yes", "参加过", "Yes"), ("no", "没有参加过", "No")]),
    ("Q_SAFETY", "您觉得您居住地区的社会治安状况如何？",
     "How safe do you feel in the area where you live?", SAFETY_FIVE_POINT),
    ("Q_SAT_GOV", "您对政务信息公开和办事服务是否满意？",
     "How satisfied are you with government transparency and public services?", FIVE_POINT),
    ("Q_SAT_INTEGRITY", "您对党员干部廉洁自律和工作作风是否满意？",
     "How satisfied are you with the integrity and work style of officials?", FIVE_POINT),
    ("Q_SAT_MARKET", "您对本市的消费环境（商品质量、价格秩序、消费维权）是否满意？",
     "How satisfied are you with the consumer environment (quality, prices, consumer protection)?",
     FIVE_POINT),
    ("Q_SAT_CULTURE", "您对身边的公共文化设施和文化活动是否满意？",
     "How satisfied are you with public cultural facilities and activities near you?", FIVE_POINT),
    ("Q_SAT_COMMUNITY", "您对所在社区的服务和管理是否满意？",
     "How satisfied are you with the services and management of your community?", FIVE_POINT),
    ("Q_SAT_HEALTH", "您对本市的医疗卫生服务是否满意？",
     "How satisfied are you with healthcare services in the city?", FIVE_POINT),
    ("Q_SAT_LIVING", "您对本市的市容环境和生活环境是否满意？",
     "How satisfied are you with the city's appearance and living environment?", FIVE_POINT),
    ("Q_SAT_CAMPAIGN", "您对本市创建文明城市工作取得的成效是否满意？",
     "How satisfied are you with the results of the city's civilized city campaign?", FIVE_POINT),
]

NEGATIVE_LIST = [
    ("发生重大及以上生产安全责任事故", "A major or worse work-safety accident for which the city is liable", 5, True),
    ("发生重大群体性事件或重大恶性刑事案件", "A major mass incident or a major violent crime", 5, True),
    ("党政领导干部严重违纪违法并造成恶劣社会影响",
     "Serious misconduct or crime by Party or government leaders with a very bad public impact", 5, True),
    ("发生重大突发环境污染事件", "A major sudden environmental pollution incident", 5, True),
    ("在测评中弄虚作假、干扰测评工作", "Falsifying evidence or obstructing the evaluation", 5, True),
    ("发生较大生产安全事故", "A serious (below major) work-safety accident", 1.0, False),
    ("发生较大食品药品安全事故", "A serious food or drug safety incident", 2.0, False),
    ("中央或省级媒体曝光不文明现象并造成严重负面影响",
     "Uncivil conduct exposed by national or provincial media with a serious negative impact", 1.5, False),
    ("发生严重侵害未成年人权益事件并造成恶劣影响",
     "A serious violation of minors' rights with a very bad public impact", 1.5, False),
    ("政府机构被列为失信被执行人", "A government body listed as a dishonest judgement debtor", 1.0, False),
    ("重大网络舆情处置不当造成不良影响", "Mishandling of a major online public-opinion incident", 0.5, False),
]


def field(name, name_en, score, lead, resp, desc, sites, checks):
    """checks: (text, text_en, deduct[, site_types]); site_types defaults to the item's sites."""
    return dict(name=name, name_en=name_en, max_score=score, method="field", lead_unit=lead,
                responsible_units=resp, description=desc,
                checks=[dict(text=c[0], text_en=c[1], deduct=c[2], site_types=c[3] if len(c) > 3 else sites)
                        for c in checks])


def survey(name, name_en, score, lead, resp, desc, question, positive=SATISFIED, curve=SATISFACTION_CURVE):
    return dict(name=name, name_en=name_en, max_score=score, method="survey", lead_unit=lead,
                responsible_units=resp, description=desc, question=question, positive=positive, curve=curve)


def statistic(name, name_en, score, lead, resp, desc, metric, target, direction="higher", bound=None):
    item = dict(name=name, name_en=name_en, max_score=score, method="statistic", lead_unit=lead,
                responsible_units=resp, description=desc, metric=metric, target=target, direction=direction)
    if bound is not None:
        item["floor" if direction == "higher" else "ceiling"] = bound
    return item


def material(name, name_en, score, lead, resp, desc):
    return dict(name=name, name_en=name_en, max_score=score, method="material", lead_unit=lead,
                responsible_units=resp, description=desc)


DISTRICTS = "各区政府"
DEPARTMENTS = "市直各部门"
STREETS = "街道办事处"
WINDOW = ["窗口单位"]

ASPECTS = [
    ("廉洁高效的政务环境", "Clean and efficient government", [
        ("政务公开", "Open government", [
            material("政府信息公开制度落实", "Government information disclosure", 1, "政府办",
                     ["政务服务中心", DISTRICTS],
                     "查阅政府信息公开目录、年度报告和主动公开台账，评价制度是否健全、落实是否到位。"),
            survey("政务公开满意度", "Satisfaction with open government", 1, "政府办", ["政务服务中心"],
                   "抽样调查市民对政务信息公开和办事服务的满意程度，以“满意”“非常满意”计。", "Q_SAT_GOV"),
            field("政务公开栏与办事指南公示", "Public notice boards and service guides", 1, "政务服务中心",
                  [DISTRICTS, STREETS], "实地查看窗口单位和社区的办事指南、公开栏和监督电话公示情况。",
                  ["窗口单位", "社区"], [
                      ("办事指南、收费依据和标准上墙公示或可自助查询",
                       "Service guides, fee bases and fee standards are posted or available on a kiosk", 0.25,
                       WINDOW),
                      ("社区居务公开栏内容在有效期内，无过期信息",
                       "The community notice board is current, with no expired notices", 0.25, ["社区"]),
                      ("监督投诉电话公示清楚", "The supervision and complaint phone number is clearly posted",
                       0.2),
                      ("工作人员岗位信息（姓名、职责）公示", "Staff names and duties are displayed at each post",
                       0.2, WINDOW),
                  ]),
        ]),
        ("政务服务", "Government services", [
            field("政务服务窗口规范服务", "Standard service at government service windows", 1, "政务服务中心",
                  [DISTRICTS, "公安局", "人社局"], "实地查看政务服务大厅和窗口单位的服务规范、办事秩序和便民设施。",
                  WINDOW, [
                      ("工作人员在岗在位，佩戴工作牌，着装整洁",
                       "Staff are at their posts, wearing badges and neatly dressed", 0.25),
                      ("设有导办或咨询服务台并有人值守", "A staffed guidance or inquiry desk is provided", 0.25),
                      ("叫号排队有序，无推诿、刁难办事群众",
                       "Numbered queuing is orderly; applicants are not shuffled off or obstructed", 0.3),
                      ("配备老年人、残疾人便民设施（座椅、老花镜、轮椅、饮水）",
                       "Aids for the elderly and disabled (seats, reading glasses, wheelchairs, water)", 0.2),
                      ("设有“办不成事”反映窗口或服务好差评评价器",
                       "A 'problem not solved' desk or a service rating device is available", 0.2),
                  ]),
            statistic("政务服务事项网上可办率", "Share of government services available online", 0.75,
                      "政务服务中心", [DEPARTMENTS],
                      "依申请政务服务事项中可全程网上办理或网上预约办理的比例（%）。", "online_service_rate", 95,
                      bound=60),
            statistic("12345热线诉求按时办结率", "On-time closure rate of 12345 hotline requests", 0.75,
                      "政务服务中心", [DEPARTMENTS, DISTRICTS],
                      "统计期内12345政务服务便民热线受理的诉求按时办结的比例（%）。", "hotline_closure_rate", 95,
                      bound=70),
        ]),
        ("廉洁从政", "Integrity in office", [
            material("党风廉政建设责任制落实", "Accountability for clean governance", 1, "纪委监委",
                     [DEPARTMENTS, DISTRICTS], "审核党风廉政建设责任书、主体责任清单及其落实台账。"),
            survey("党风廉政建设满意度", "Satisfaction with clean governance", 1, "纪委监委", [DEPARTMENTS],
                   "抽样调查群众对党员干部廉洁自律和工作作风的满意程度。", "Q_SAT_INTEGRITY"),
            material("作风建设与基层减负", "Work style and lighter burdens on the grassroots", 0.75, "组织部",
                     ["纪委监委", DISTRICTS], "审核整治形式主义、官僚主义和精简文件会议的制度及成效材料。"),
        ]),
        ("科学民主决策", "Sound and democratic decision-making", [
            material("重大行政决策程序规范", "Procedure for major administrative decisions", 0.75, "司法局",
                     ["政府办"], "审核重大行政决策的公众参与、专家论证、风险评估、合法性审查和集体讨论记录。"),
            material("人大代表建议和政协提案办理", "Handling of deputies' suggestions and CPPCC proposals", 0.5,
                     "政府办", [DEPARTMENTS], "审核建议提案的交办、办理、答复和满意度回访台账。"),
            material("政务诚信建设", "Government keeping its word", 0.5, "发改委", [DEPARTMENTS, DISTRICTS],
                     "审核政府守信践诺、清理拖欠账款和政务失信整改的材料。"),
        ]),
    ]),
    ("公正公平的法治环境", "Fair and just rule of law", [
        ("法治政府建设", "Law-based government", [
            material("行政执法“三项制度”落实", "Three systems of administrative law enforcement", 1, "司法局",
                     ["城管局", "市场监管局", "公安局", "生态环境局"],
                     "审核行政执法公示、执法全过程记录和重大执法决定法制审核制度的落实材料。"),
            statistic("行政诉讼败诉率", "Loss rate in administrative lawsuits", 0.75, "司法局", [DEPARTMENTS],
                      "统计期内以市、区政府及其部门为被告的行政诉讼案件中败诉案件的比例（%），越低越好。",
                      "admin_litigation_loss_rate", 5, "lower", 15),
        ]),
        ("社会治安", "Public security", [
            statistic("每万人刑事案件立案数", "Criminal cases filed per 10,000 residents", 1, "公安局",
                      [DISTRICTS], "统计期内刑事案件立案数与常住人口（万人）之比（件/万人），越低越好。",
                      "criminal_cases_per_10k", 30, "lower", 60),
            survey("群众安全感", "Residents' sense of security", 1, "政法委", ["公安局", DISTRICTS],
                   "抽样调查群众对居住地区治安状况的感受，以“安全”“很安全”计。", "Q_SAFETY",
                   curve=[[0.6, 0], [0.95, 1]]),
            material("社会治安防控体系建设", "Crime prevention and control system", 1, "公安局",
                     ["政法委", DISTRICTS], "审核立体化治安防控体系、网格化管理和重点人群服务管理的制度与台账。"),
        ]),
        ("公共法律服务", "Public legal services", [
            field("公共法律服务站点", "Public legal service points", 1, "司法局", [STREETS, "社区居委会"],
                  "实地查看社区和窗口单位公共法律服务站点的设置、值守和公示情况。", ["社区", "窗口单位"], [
                      ("设有公共法律服务站（室），公示服务项目和时间",
                       "A public legal service point exists and posts its services and hours", 0.25),
                      ("开放时间内有人值守或可视频远程咨询",
                       "Staffed, or remote video advice available, during opening hours", 0.25),
                      ("公示法律援助申请指引和联系电话", "Legal-aid guidance and phone number are posted", 0.2),
                      ("人民调解委员会牌子、制度和调解员名单上墙",
                       "The mediation committee's sign, rules and mediator list are posted", 0.2, ["社区"]),
                  ]),
            material("法治宣传教育", "Legal awareness education", 0.75, "司法局", ["教育局", "宣传部"],
                     "审核普法规划、“谁执法谁普法”责任清单和宪法宣传活动记录。"),
            field("社区警务与技防设施", "Community policing and security technology", 0.5, "公安局", [STREETS],
                  "实地查看社区警务室、视频监控和学校医院安保设施。", ["社区", "学校", "医院", "农贸市场"], [
                      ("社区警务室有标识，公示民警联系方式",
                       "The community police office is marked and posts the officer's contact", 0.1, ["社区"]),
                      ("出入口视频监控正常运行", "Video surveillance at the entrances works", 0.1),
                      ("设有专职安保人员和防冲撞设施", "Dedicated security staff and anti-ramming barriers", 0.2,
                       ["学校", "医院"]),
                  ]),
        ]),
        ("安全生产与应急管理", "Work safety and emergency management", [
            statistic("亿元GDP生产安全事故死亡率", "Work-safety deaths per 100 million yuan of GDP", 1,
                      "应急管理局", ["住建局", "交通局", DISTRICTS],
                      "统计期内生产安全事故死亡人数与地区生产总值（亿元）之比（人/亿元），越低越好。",
                      "safety_deaths_per_100m_gdp", 0.015, "lower", 0.05),
            field("消防安全与应急疏散", "Fire safety and emergency evacuation", 1, "消防救援支队",
                  ["应急管理局", DISTRICTS], "实地查看消防通道、消防器材、疏散标志和应急避难场所。",
                  ["农贸市场", "医院", "学校", "窗口单位", "商业大街", "车站码头", "景区", "社区", "广场", "公园",
                   "建筑工地"], [
                      ("消防通道、安全出口畅通，无堵塞占用", "Fire lanes and exits are clear and unobstructed",
                       0.3, ["农贸市场", "医院", "学校", "窗口单位", "商业大街", "车站码头", "景区", "社区"]),
                      ("灭火器、消火栓配置齐全并在有效期内",
                       "Extinguishers and hydrants are complete and within their inspection date", 0.25,
                       ["农贸市场", "医院", "学校", "窗口单位", "车站码头", "建筑工地", "社区"]),
                      ("疏散指示标志和应急照明完好", "Evacuation signs and emergency lights work", 0.2,
                       ["医院", "学校", "窗口单位", "商业大街", "车站码头"]),
                      ("应急避难场所标识清楚、设施完好", "Emergency shelter signs are clear and facilities intact",
                       0.2, ["广场", "公园"]),
                      ("电动自行车不在楼道停放、无飞线充电",
                       "No e-bikes in stairwells and no improvised charging cables", 0.25, ["社区"]),
                  ]),
            material("矛盾纠纷多元化解", "Multi-channel dispute resolution", 1, "政法委",
                     ["信访局", "司法局", DISTRICTS], "审核人民调解、行政调解和信访积案化解的工作机制与办理台账。"),
        ]),
    ]),
    ("规范守信的市场环境", "Orderly and trustworthy market", [
        ("社会信用体系", "Social credit system", [
            material("社会信用体系建设", "Building the social credit system", 0.75, "发改委",
                     ["市场监管局", DEPARTMENTS], "审核信用信息归集共享、信用公示和信用修复工作的材料。"),
            field("诚信经营", "Honest trading", 0.75, "市场监管局", ["商务局", DISTRICTS],
                  "实地查看农贸市场、商业大街和景区经营者的明码标价、计量和诚信承诺。",
                  ["农贸市场", "商业大街", "景区"], [
                      ("商品和服务明码标价，无价格欺诈", "Goods and services are clearly priced; no price fraud",
                       0.2),
                      ("经营户公示营业执照和诚信经营承诺", "Traders display their licence and an honesty pledge",
                       0.15, ["农贸市场", "商业大街"]),
                      ("设有公平秤，计量器具在检定有效期内",
                       "A fair-scale station exists and scales are within their verification date", 0.2,
                       ["农贸市场"]),
                      ("无强买强卖、尾随兜售、欺客宰客", "No forced sales, pestering vendors or overcharging",
                       0.25, ["景区", "商业大街"]),
                  ]),
            material("失信联合惩戒", "Joint sanctions against dishonesty", 0.5, "中级人民法院",
                     ["发改委", "市场监管局"], "审核失信被执行人名单公布、联合惩戒措施和执行反馈的材料。"),
        ]),
        ("市场秩序", "Market order", [
            field("农贸市场规范管理", "Farmers' market management", 1, "市场监管局",
                  ["商务局", "城管局", DISTRICTS], "实地查看农贸市场的经营秩序、环境卫生和食品安全管理。",
                  ["农贸市场"], [
                      ("划行归市、摊位整齐，无店外经营、占道经营",
                       "Stalls are zoned and tidy; no trading outside shops or on the road", 0.25),
                      ("地面干净，无积水、无污水横流", "Floors are clean, with no ponding or waste water", 0.2),
                      ("垃圾桶加盖，垃圾日产日清", "Bins are covered and emptied daily", 0.2),
                      ("活禽经营区与其他区域隔离并定期消毒",
                       "The live-poultry area is separated and regularly disinfected", 0.25),
                      ("设有食品快速检测室并公示检测结果",
                       "A rapid food-testing room exists and posts its results", 0.2),
                      ("市场周边无乱停车、无流动摊贩", "No disorderly parking or mobile vendors around the market",
                       0.2),
                  ]),
            field("商业大街经营秩序", "Trading order on commercial streets", 1, "商务局", ["城管局", "市场监管局"],
                  "实地查看商业大街和主干道沿街商户的经营秩序和门前责任区。", ["商业大街", "主干道"], [
                      ("无出店经营、占道摆卖", "No trading outside shopfronts or on the pavement", 0.25),
                      ("店招牌匾规范，无破损、无错别字", "Shop signs are standard, intact and correctly written",
                       0.15),
                      ("无高音喇叭揽客等噪声扰民", "No loudspeaker touting or other noise nuisance", 0.15,
                       ["商业大街"]),
                      ("门前“三包”责任落实，门前无垃圾杂物",
                       "Shopfront duties are met; no litter or clutter in front", 0.2),
                  ]),
            survey("消费环境满意度", "Satisfaction with the consumer environment", 0.75, "市场监管局", ["商务局"],
                   "抽样调查市民对商品质量、价格秩序和消费维权的满意程度。", "Q_SAT_MARKET"),
            field("消费维权服务", "Consumer rights service", 0.25, "市场监管局", ["商务局"],
                  "实地查看经营场所的投诉举报渠道和消费维权服务站。", ["商业大街", "农贸市场", "景区"], [
                      ("显著位置公示12315投诉举报电话", "The 12315 complaint hotline is posted prominently", 0.1),
                      ("消费维权服务站有标识、有受理登记台账",
                       "The consumer rights station is marked and keeps a complaint register", 0.1),
                  ]),
        ]),
        ("食品药品安全", "Food and drug safety", [
            field("餐饮服务食品安全", "Food safety in catering", 1, "市场监管局", ["教育局", "卫健委", DISTRICTS],
                  "实地查看餐饮单位和单位食堂的证照公示、后厨操作和餐具消毒。",
                  ["商业大街", "学校", "医院", "景区", "车站码头", "窗口单位"], [
                      ("亮证经营，公示食品经营许可证和从业人员健康证",
                       "The food licence and staff health certificates are displayed", 0.2),
                      ("实行“明厨亮灶”，后厨操作可视", "Open kitchen: kitchen work is visible to diners", 0.2),
                      ("生熟分开，无过期、变质原料", "Raw and cooked food kept apart; no expired or spoiled food",
                       0.3),
                      ("餐具消毒设施正常使用", "Tableware disinfection equipment is in use", 0.2),
                      ("学校食堂落实负责人陪餐和食品留样",
                       "School canteens keep food samples and managers eat with pupils", 0.2, ["学校"]),
                  ]),
            statistic("食品安全抽检合格率", "Food safety sampling pass rate", 0.75, "市场监管局", ["农业农村局"],
                      "统计期内食品安全监督抽检合格批次占抽检总批次的比例（%）。", "food_sampling_pass_rate", 98,
                      bound=90),
            field("药品零售规范", "Retail pharmacy standards", 0.75, "市场监管局", ["卫健委"],
                  "实地查看零售药店的药师在岗、处方药销售和药品储存。", ["商业大街", "社区", "医院"], [
                      ("执业药师在岗并佩戴胸卡", "A licensed pharmacist is on duty and wears a badge", 0.2),
                      ("处方药凭处方销售，与非处方药分区陈列",
                       "Prescription drugs are sold only on prescription and shelved apart", 0.25),
                      ("药品储存符合温湿度要求并有记录",
                       "Storage meets temperature and humidity rules, with records", 0.15),
                  ]),
        ]),
        ("经济发展", "Economic development", [
            statistic("人均地区生产总值", "GDP per capita", 1, "统计局", ["发改委"],
                      "统计年度地区生产总值与常住人口之比（元/人）。", "gdp_per_capita", 80000, bound=30000),
            statistic("城镇居民人均可支配收入", "Urban per-capita disposable income", 1, "统计局", ["人社局"],
                      "统计年度城镇常住居民人均可支配收入（元）。", "urban_disposable_income", 48000, bound=20000),
            statistic("农村居民人均可支配收入", "Rural per-capita disposable income", 0.5, "统计局",
                      ["农业农村局"], "统计年度农村常住居民人均可支配收入（元）。", "rural_disposable_income",
                      22000, bound=8000),
        ]),
    ]),
    ("健康向上的人文环境", "Healthy and uplifting culture", [
        ("思想道德建设", "Moral development", [
            field("核心价值观宣传阵地", "Publicity for the core socialist values", 1.25, "宣传部",
                  ["文明办", DISTRICTS], "实地查看社区、学校、窗口单位和公共场所的核心价值观宣传阵地。",
                  ["社区", "学校", "窗口单位", "广场", "公园"], [
                      ("设有核心价值观主题宣传栏或景观小品，内容完整",
                       "A core-values board or landscape feature is present and complete", 0.25),
                      ("宣传内容无破损、无褪色、无过期", "Publicity material is intact, unfaded and current", 0.2),
                      ("设有新时代文明实践站（道德讲堂）并正常开展活动",
                       "A civilization practice station (ethics hall) exists and holds activities", 0.3,
                       ["社区"]),
                      ("校园内有核心价值观和爱国主义教育宣传",
                       "The campus displays core-values and patriotic education material", 0.25, ["学校"]),
                  ]),
            survey("核心价值观知晓度", "Awareness of the core socialist values", 1, "宣传部", ["文明办", "教育局"],
                   "抽样调查市民对社会主义核心价值观基本内容的了解程度，以“了解”计。", "Q_VALUES", ["know"],
                   [[0.6, 0], [0.95, 1]]),
            material("道德模范与身边好人", "Moral models and good people next door", 0.75, "文明办",
                     ["宣传部", "团市委"], "审核道德模范和身边好人的评选推荐、宣传礼遇和帮扶关爱材料。"),
        ]),
        ("公共文明秩序", "Civility in public", [
            field("公共场所文明秩序", "Civil behaviour in public places", 1.5, "文明办",
                  ["城管局", "公安局", "文旅局"], "实地查看广场、公园、景区、商业大街和车站码头的公共秩序。",
                  ["广场", "公园", "景区", "商业大街", "车站码头"], [
                      ("无乱扔垃圾、随地吐痰", "No littering or spitting", 0.2),
                      ("无乱涂乱画、乱贴小广告", "No graffiti or illegal flyers", 0.2),
                      ("无践踏绿地、攀折花木", "No trampling lawns or damaging plants", 0.2,
                       ["广场", "公园", "景区"]),
                      ("无赤膊、衣冠不整等不文明行为", "No going shirtless or other uncivil conduct", 0.1),
                      ("广场舞等露天活动音量适度，不扰民",
                       "Square dancing and other outdoor activities keep to a moderate volume", 0.2,
                       ["广场", "公园"]),
                      ("遛犬牵绳，及时清理宠物粪便", "Dogs are leashed and droppings cleared", 0.2,
                       ["广场", "公园", "商业大街"]),
                  ]),
            field("文明排队与礼让", "Orderly queuing and courtesy", 1, "文明办",
                  ["交通局", "卫健委", "政务服务中心"], "实地查看窗口单位、医院、车站码头和公交站的排队秩序。",
                  ["窗口单位", "医院", "车站码头", "公交站"], [
                      ("排队秩序良好，无插队、拥挤", "Queues are orderly; no queue-jumping or pushing", 0.25),
                      ("设有“一米线”或排队引导设施", "A one-metre line or queue guides are provided", 0.2,
                       ["窗口单位", "医院", "车站码头"]),
                      ("乘客先下后上，无抢上抢下", "Passengers let others off first; no rushing", 0.2,
                       ["公交站", "车站码头"]),
                      ("设有老幼病残孕优先窗口或专座",
                       "Priority windows or seats for the elderly, children, sick, disabled, pregnant",
                       0.2,
                       ["窗口单位", "医院", "车站码头"]),
                  ]),
            field("公益广告", "Public service advertising", 1, "宣传部", ["城管局", "交通局", "住建局"],
                  "实地查看主要街道、公交站、广场、公园、工地围挡和车站码头的公益广告。",
                  ["主干道", "商业大街", "公交站", "广场", "公园", "建筑工地", "车站码头"], [
                      ("公益广告数量充足、位置醒目", "Public service ads are sufficient and prominently placed",
                       0.25),
                      ("公益广告画面完好，无破损、褪色、过期内容",
                       "Ads are intact, not torn, faded or out of date", 0.2),
                      ("工地围挡公益广告不少于围挡面积的四分之一",
                       "At least a quarter of the hoarding carries public service ads", 0.25, ["建筑工地"]),
                      ("公交站亭设有公益广告", "The bus shelter carries public service ads", 0.2, ["公交站"]),
                      ("户外电子屏定时播放公益广告", "Outdoor screens show public service ads regularly", 0.15,
                       ["主干道", "商业大街", "广场", "车站码头"]),
                  ]),
            field("文明餐桌", "Civil dining and no food waste", 0.75, "文明办", ["商务局", "市场监管局"],
                  "实地查看餐饮场所和单位食堂的“光盘行动”、公筷公勺落实情况。",
                  ["商业大街", "学校", "窗口单位"], [
                      ("张贴“光盘行动”“公筷公勺”提示", "Clean-plate and serving-chopsticks reminders are posted",
                       0.15),
                      ("提供公筷公勺和打包服务", "Serving chopsticks and take-away packing are offered", 0.15),
                      ("无明显剩饭剩菜浪费现象", "No conspicuous food waste", 0.2),
                  ]),
        ]),
        ("未成年人思想道德建设", "Moral development of minors", [
            field("校园及周边环境", "Schools and their surroundings", 1, "教育局",
                  ["公安局", "市场监管局", "文旅局"], "实地查看学校周边200米范围内的经营场所、交通和治安秩序。",
                  ["学校"], [
                      ("学校周边200米内无网吧、游戏厅等娱乐场所",
                       "No internet cafés or arcades within 200 metres of the school", 0.3),
                      ("周边商店不向未成年人出售烟酒", "Nearby shops do not sell tobacco or alcohol to minors",
                       0.25),
                      ("上下学时段设有护学岗，校门口交通有序",
                       "Guard posts at school hours; traffic at the gate is orderly", 0.2),
                      ("周边无占道经营、无“三无”食品摊点",
                       "No street stalls or unlabelled food stands around the school", 0.2),
                  ]),
            material("未成年人思想道德建设工作机制", "Mechanism for minors' moral development", 0.75, "文明办",
                     ["教育局", "团市委", "妇联"], "审核领导机制、年度工作计划和家校社协同育人的材料。"),
            field("未成年人活动场所", "Activity venues for minors", 0.75, "团市委", ["教育局", "文旅局", "民政局"],
                  "实地查看社区未成年人活动室、学校课后服务和心理辅导室。", ["社区", "学校"], [
                      ("社区设有未成年人活动室（“四点半课堂”）并按时开放",
                       "A youth activity room (after-school class) exists and opens as posted", 0.25, ["社区"]),
                      ("课后服务和社团活动正常开展", "After-school services and clubs are running", 0.2,
                       ["学校"]),
                      ("设有心理辅导室并有人值守", "A counselling room exists and is staffed", 0.2),
                  ]),
        ]),
        ("志愿服务", "Volunteer service", [
            statistic("注册志愿者占常住人口比例", "Registered volunteers as a share of residents", 1, "文明办",
                      ["团市委", "民政局"], "在全国志愿服务信息系统实名注册的志愿者占常住人口的比例（%）。",
                      "volunteer_share", 13, bound=5),
            field("志愿服务站点", "Volunteer service stations", 1, "团市委", ["文明办", "民政局"],
                  "实地查看志愿服务站（岗）的设置、值守和服务公示。",
                  ["社区", "窗口单位", "医院", "车站码头", "公园", "景区"], [
                      ("设有志愿服务站（岗）并有统一标识",
                       "A volunteer station exists with the standard sign", 0.25),
                      ("服务时段内有志愿者在岗", "Volunteers are present during service hours", 0.25),
                      ("公示服务项目、服务时间和联系方式", "Services, hours and contacts are posted", 0.15),
                      ("配备急救箱、雨具、轮椅等便民用品",
                       "First-aid kit, umbrellas, wheelchairs and similar aids are available", 0.15),
                  ]),
            material("志愿服务制度化", "Institutionalised volunteering", 0.75, "文明办", ["团市委", "民政局"],
                     "审核志愿服务记录、培训、嘉许礼遇和项目化运作的制度与台账。"),
            survey("志愿服务参与率", "Participation in volunteer service", 0.5, "团市委", ["文明办"],
                   "抽样调查市民近一年参加志愿服务的比例。", "Q_VOLUNTEER", ["yes"], [[0.1, 0], [0.35, 1]]),
        ]),
        ("公共文化服务", "Public cultural services", [
            field("公共文化设施开放", "Opening of public cultural facilities", 1, "文旅局", [DISTRICTS, STREETS],
                  "实地查看社区综合文化服务中心、公共文化场馆和户外文化设施的开放与维护。",
                  ["社区", "窗口单位", "广场", "公园"], [
                      ("社区综合文化服务中心按公示时间免费开放",
                       "The community cultural centre opens free of charge at the posted hours", 0.25,
                       ["社区"]),
                      ("图书馆、文化馆等场馆公示开放时间和服务项目",
                       "Libraries and cultural centres post their hours and services", 0.2, WINDOW),
                      ("文化活动设施完好可用", "Cultural facilities are intact and usable", 0.2),
                      ("社区书屋图书定期更新，有借阅记录",
                       "The community reading room renews books and keeps loan records", 0.15, ["社区"]),
                  ]),
            material("群众文化活动", "Community cultural activities", 0.75, "文旅局", ["文明办", DISTRICTS],
                     "审核群众文艺演出、全民阅读和送文化下基层活动的计划与记录。"),
            survey("公共文化服务满意度", "Satisfaction with public cultural services", 0.75, "文旅局", [DISTRICTS],
                   "抽样调查市民对公共文化设施和文化活动的满意程度。", "Q_SAT_CULTURE"),
        ]),
        ("文明旅游与窗口服务", "Civil tourism and service windows", [
            field("景区文明旅游", "Civil tourism at scenic spots", 1.25, "文旅局", ["市场监管局", "公安局"],
                  "实地查看景区的文明引导、导览标识、游客服务和旅游厕所。", ["景区"], [
                      ("设有文明旅游提示和游客须知", "Civil-tourism reminders and visitor rules are posted", 0.2),
                      ("导览标识清晰，主要标识中英文对照", "Wayfinding is clear; main signs are bilingual", 0.2),
                      ("无乱刻乱画、攀爬文物等不文明行为", "No carving, graffiti or climbing on relics", 0.3),
                      ("游客中心有人值守，提供咨询和投诉受理",
                       "The visitor centre is staffed and takes inquiries and complaints", 0.25),
                      ("旅游厕所干净、无异味", "Tourist toilets are clean and odour-free", 0.2),
                  ]),
            field("窗口行业文明服务", "Civil service in public-facing sectors", 1, "文明办",
                  ["交通局", "卫健委", "政务服务中心"], "实地查看窗口行业的服务态度、服务承诺公示和服务环境。",
                  ["窗口单位", "医院", "车站码头", "景区"], [
                      ("服务人员使用文明用语，态度热情", "Staff use polite language and are courteous", 0.25),
                      ("公示服务承诺、收费标准和投诉电话",
                       "Service pledges, fees and the complaint phone number are posted", 0.2),
                      ("服务场所整洁，无杂物堆放", "The premises are tidy, with no clutter", 0.15),
                      ("设有无障碍通道或提供帮扶服务", "Barrier-free access or assistance is provided", 0.15),
                  ]),
            material("网络文明建设", "Online civility", 0.75, "网信办", ["宣传部", "公安局"],
                     "审核网络文明宣传、网络不良信息治理和网上正能量传播的工作材料。"),
        ]),
        ("健康与体育", "Health and sport", [
            field("全民健身设施", "Public fitness facilities", 1.25, "体育局", ["住建局", DISTRICTS],
                  "实地查看公园、广场和社区健身器材的完好和安全情况。", ["公园", "广场", "社区"], [
                      ("健身器材完好，无破损、锈蚀、松动",
                       "Fitness equipment is intact, with no damage, rust or loose parts", 0.3),
                      ("设有器材使用说明和安全提示", "Instructions and safety notices are posted", 0.15),
                      ("健身场地平整、干净", "The fitness ground is level and clean", 0.15),
                      ("公示管理维护单位和报修电话", "The maintainer and repair phone number are posted", 0.1),
                  ]),
            field("医院就医秩序", "Order in hospitals", 1, "卫健委", ["公安局"],
                  "实地查看医院的导诊服务、候诊秩序和院内环境。", ["医院"], [
                      ("设有导诊台并有人值守", "A staffed guidance desk is provided", 0.2),
                      ("无“号贩子”“医托”活动", "No appointment scalpers or patient touts", 0.3),
                      ("候诊有序，一医一患一诊室",
                       "Waiting is orderly; one doctor sees one patient per room", 0.2),
                      ("院内环境整洁，医疗废物规范收集",
                       "Premises are clean and medical waste is collected properly", 0.25),
                  ]),
            field("公共场所控烟", "Tobacco control in public places", 0.75, "卫健委",
                  ["教育局", "交通局", "市场监管局"], "实地查看室内公共场所的禁烟标识和吸烟现象。",
                  ["医院", "学校", "窗口单位", "车站码头"], [
                      ("张贴禁止吸烟标识", "No-smoking signs are posted", 0.15),
                      ("室内无吸烟现象", "Nobody is smoking indoors", 0.25),
                      ("室内无烟具、无烟头", "No ashtrays or cigarette butts indoors", 0.15),
                  ]),
            statistic("人均预期寿命", "Life expectancy", 0.5, "卫健委", ["统计局"],
                      "统计年度常住人口人均预期寿命（岁）。", "life_expectancy", 79, bound=70),
        ]),
    ]),
    ("安居乐业的生活环境", "Safe and thriving living environment", [
        ("市容环境卫生", "City appearance and sanitation", [
            field("主干道环境卫生", "Cleanliness of main roads", 1.25, "城管局", [DISTRICTS, STREETS],
                  "实地查看主干道和商业大街的路面保洁、果皮箱和绿化带卫生。", ["主干道", "商业大街"], [
                      ("路面无积存垃圾、无暴露垃圾", "No accumulated or exposed rubbish on the road", 0.25),
                      ("果皮箱完好，无满溢", "Litter bins are intact and not overflowing", 0.2),
                      ("绿化带内无垃圾杂物", "No rubbish in the green belts", 0.15),
                      ("无乱贴乱画、“牛皮癣”小广告", "No graffiti or illegal flyers", 0.2),
                      ("路面无污水、油污和渣土遗撒", "No waste water, oil or spilled muck on the road", 0.2),
                  ]),
            field("背街小巷环境卫生", "Cleanliness of back streets", 1.25, "城管局", [STREETS, "社区居委会"],
                  "实地查看背街小巷的路面、卫生死角、乱堆乱放和照明。", ["背街小巷"], [
                      ("路面平整，无坑洼、无积水", "The surface is even, with no potholes or ponding", 0.2),
                      ("无积存垃圾、无卫生死角", "No accumulated rubbish or neglected corners", 0.25),
                      ("无乱堆乱放、乱搭乱建", "No random piles or makeshift structures", 0.25),
                      ("无乱拉乱挂、乱晾乱晒", "No stray wires, hangings or laundry on public space", 0.15),
                      ("路灯完好，夜间照明正常", "Street lights work at night", 0.15),
                  ]),
            field("城市公厕管理", "Public toilets", 1.25, "城管局", [DISTRICTS],
                  "实地查看城市公厕的卫生、设施和标识。", ["公厕"], [
                      ("厕所内外干净，无明显异味", "Clean inside and out, with no noticeable odour", 0.3),
                      ("便器无污垢，冲水正常", "Fixtures are free of grime and flush properly", 0.2),
                      ("洗手设施、厕纸等完好可用", "Hand-washing facilities and toilet paper are available", 0.2),
                      ("指示标志清晰，公示开放时间", "Signs are clear and opening hours posted", 0.15),
                      ("设有无障碍厕位或第三卫生间", "An accessible cubicle or family toilet is provided", 0.2),
                  ]),
            field("市容秩序", "Street order", 1.25, "城管局", ["市场监管局", DISTRICTS],
                  "实地查看街道的占道经营、违章建筑、户外广告和沿街立面。", ["主干道", "背街小巷", "商业大街"], [
                      ("无占道经营、店外经营", "No street vending or trading outside shops", 0.25),
                      ("无违章建筑和私搭乱建", "No illegal buildings or makeshift structures", 0.3),
                      ("户外广告和店招设置规范，无破损", "Outdoor ads and shop signs are compliant and intact",
                       0.2),
                      ("无马路市场、流动摊贩", "No roadside markets or mobile vendors", 0.2),
                      ("沿街立面整洁，空调外机、防盗窗设置规范",
                       "Street facades are tidy; AC units and window grilles are orderly", 0.15,
                       ["主干道", "商业大街"]),
                  ]),
            field("建筑工地文明施工", "Civilized construction sites", 1.25, "住建局", ["城管局", "生态环境局"],
                  "实地查看建筑工地的围挡、车辆冲洗、覆盖和渣土运输。", ["建筑工地"], [
                      ("围挡连续、封闭、整洁", "Hoardings are continuous, closed and tidy", 0.25),
                      ("出入口设车辆冲洗设施，车辆不带泥上路",
                       "A wheel wash at the gate; no mud carried onto the road", 0.25),
                      ("裸露土方和易扬尘物料全部覆盖", "Exposed earth and dusty materials are fully covered",
                       0.25),
                      ("渣土车辆密闭运输，无遗撒", "Muck trucks are sealed and spill nothing", 0.2),
                      ("公示工程概况和文明施工责任人",
                       "The project board and the person responsible are posted", 0.1),
                  ]),
        ]),
        ("交通秩序", "Traffic order", [
            field("机动车通行与停放秩序", "Motor traffic and parking", 1.25, "公安局", ["交通局", "城管局"],
                  "实地查看机动车行驶、礼让行人、停放和出租车候客秩序。",
                  ["主干道", "商业大街", "医院", "学校", "车站码头"], [
                      ("按道行驶，无闯红灯、逆行", "Vehicles keep to lanes; no red-light running or wrong-way",
                       0.25, ["主干道", "商业大街"]),
                      ("斑马线前礼让行人", "Vehicles yield to pedestrians at zebra crossings", 0.25,
                       ["主干道", "商业大街", "学校", "医院"]),
                      ("按规定停放，不占用人行道、消防通道",
                       "Vehicles park legally, not on pavements or fire lanes", 0.25),
                      ("无乱鸣喇叭", "No needless horn use", 0.1, ["主干道", "商业大街", "医院", "学校"]),
                      ("出租车、网约车规范候客，无拒载、揽客",
                       "Taxis and ride-hail cars wait properly; no refusals or touting", 0.2,
                       ["车站码头", "医院"]),
                  ]),
            field("非机动车和行人守法", "Cyclists and pedestrians obey the rules", 1.25, "公安局",
                  ["交通局", "文明办"], "实地查看路口非机动车、行人通行秩序和交通设施。", ["主干道", "商业大街"], [
                      ("非机动车不闯红灯、不逆行、不占机动车道",
                       "Cyclists do not run red lights, ride the wrong way or use motor lanes", 0.25),
                      ("电动自行车驾乘人员佩戴安全头盔", "E-bike riders and passengers wear helmets", 0.2),
                      ("行人走人行横道，不闯红灯、不翻越护栏",
                       "Pedestrians use crossings; no jaywalking or climbing barriers", 0.25),
                      ("交通信号灯、标志标线清晰完好", "Signals, signs and road markings are clear and intact",
                       0.2),
                      ("主要路口设有文明交通劝导岗", "Traffic civility volunteers are posted at main junctions",
                       0.1),
                  ]),
            field("公交站点与公交服务", "Bus stops and bus service", 1, "交通局", ["城管局"],
                  "实地查看公交站亭、站牌、停靠和候车秩序。", ["公交站"], [
                      ("站亭、站牌完好，线路信息准确清晰",
                       "Shelter and stop sign are intact; route information is accurate", 0.25),
                      ("站台整洁，无小广告、无垃圾", "The stop is clean, with no flyers or litter", 0.2),
                      ("公交车进站停靠规范，不越站、不甩站",
                       "Buses stop properly in the bay and skip no stops", 0.2),
                      ("候车乘客有序排队", "Waiting passengers queue", 0.15),
                      ("设有盲道和无障碍上下车设施", "Tactile paving and accessible boarding are provided", 0.15),
                  ]),
            field("车站码头秩序", "Order at stations and ports", 0.75, "交通局", ["公安局", "城管局"],
                  "实地查看车站码头站前广场、候车（船）区域和问询服务。", ["车站码头"], [
                      ("站前广场无非法营运、无拉客揽客",
                       "No unlicensed taxis or touts in the forecourt", 0.25),
                      ("售票、候车（船）区域整洁有序", "Ticket and waiting areas are clean and orderly", 0.2),
                      ("问询台有人值守，导向标识中英文对照",
                       "The inquiry desk is staffed; direction signs are bilingual", 0.15),
                      ("周边无乱停乱放车辆", "No disorderly parking around the station", 0.15),
                  ]),
        ]),
        ("社区管理与服务", "Community management and services", [
            field("社区环境", "Residential community environment", 1.25, "民政局", ["住建局", "城管局", STREETS],
                  "实地查看居民小区的道路卫生、楼道、私搭乱建和停车秩序。", ["社区"], [
                      ("小区道路干净，无积存垃圾", "Estate roads are clean, with no accumulated rubbish", 0.25),
                      ("楼道整洁，无杂物堆放、无小广告", "Stairwells are tidy, with no clutter or flyers", 0.25),
                      ("无私搭乱建、毁绿种菜", "No makeshift structures or vegetable plots on green space",
                       0.25),
                      ("车辆停放有序", "Vehicles are parked in order", 0.15),
                      ("宣传栏、健身设施等公共设施完好", "Notice boards and other shared facilities are intact",
                       0.15),
                  ]),
            field("社区党群服务中心", "Community service centre", 0.75, "民政局", ["组织部", STREETS],
                  "实地查看社区党群服务中心的开放、公示和一站式服务。", ["社区"], [
                      ("按公示时间开放，工作人员在岗", "Open at the posted hours with staff present", 0.2),
                      ("公示办事流程和服务项目", "Procedures and services are posted", 0.15),
                      ("设有一站式服务窗口，可现场受理居民事项",
                       "A one-stop window accepts residents' requests on the spot", 0.2),
                      ("服务空间占主体，办公用房不超标",
                       "Most space serves residents; offices keep within the limit", 0.1),
                  ]),
            material("老旧小区改造与物业管理", "Old estate renovation and property management", 0.75, "住建局",
                     [DISTRICTS, STREETS], "审核老旧小区改造计划、完成台账以及物业服务覆盖和考核情况。"),
            survey("社区服务满意度", "Satisfaction with community services", 0.75, "民政局", [STREETS],
                   "抽样调查居民对所在社区服务和管理的满意程度。", "Q_SAT_COMMUNITY"),
        ]),
        ("社会保障与公共服务", "Social security and public services", [
            statistic("基本养老保险参保率", "Basic pension insurance coverage", 0.75, "人社局", [DISTRICTS],
                      "城乡基本养老保险参保人数占应参保人数的比例（%）。", "pension_coverage", 95, bound=70),
            statistic("城镇调查失业率", "Surveyed urban unemployment rate", 0.5, "人社局", ["统计局"],
                      "统计期内城镇调查失业率（%），越低越好。", "unemployment_rate", 5.5, "lower", 8),
            field("社区养老服务设施", "Community elderly care", 0.75, "民政局", ["卫健委"],
                  "实地查看社区日间照料和老年人活动设施的开放、服务和适老化。", ["社区"], [
                      ("设有日间照料中心或老年人活动室并正常开放",
                       "A day-care centre or senior activity room exists and is open", 0.25),
                      ("提供助餐、助医等服务并公示收费", "Meal and medical help offered, with fees posted", 0.2),
                      ("设施适老化，有防滑、扶手和呼叫装置",
                       "Age-friendly fittings: non-slip floors, handrails, call buttons", 0.2),
                  ]),
            field("无障碍环境", "Barrier-free environment", 0.75, "住建局", ["残联", "交通局"],
                  "实地查看盲道、无障碍坡道和无障碍标识。",
                  ["主干道", "公交站", "医院", "窗口单位", "公厕", "公园", "车站码头"], [
                      ("盲道连续，无占用、无断头", "Tactile paving is continuous and unobstructed", 0.2,
                       ["主干道", "公交站", "公园"]),
                      ("出入口设有无障碍坡道和扶手", "The entrance has a ramp and handrails", 0.2,
                       ["医院", "窗口单位", "公厕", "车站码头"]),
                      ("无障碍标识清晰，设施完好可用", "Accessibility signs are clear and facilities usable",
                       0.15),
                  ]),
        ]),
        ("城市基础设施", "Urban infrastructure", [
            field("城市道路与照明", "Roads and street lighting", 1, "住建局", ["城管局"],
                  "实地查看道路路面、井盖、人行道和路灯。", ["主干道", "背街小巷"], [
                      ("路面平整，无坑槽、无沉陷", "The road is even, with no potholes or subsidence", 0.25),
                      ("井盖齐全、平稳，无缺失破损", "Manhole covers are present, level and intact", 0.25),
                      ("人行道砖完好，无松动缺损", "Paving slabs are intact and firm", 0.15),
                      ("路灯正常亮灯，灯杆完好", "Street lights work and poles are intact", 0.15),
                  ]),
            field("排水防涝设施", "Drainage and flood prevention", 0.5, "水务局", ["住建局", "城管局"],
                  "实地查看雨水篦子和路面积水情况。", ["主干道", "背街小巷"], [
                      ("雨水篦子完好、无堵塞", "Gully grates are intact and unblocked", 0.15),
                      ("路面无积水、无污水外溢", "No ponding or sewage overflow on the road", 0.2),
                  ]),
            field("公园广场设施管理", "Park and square facilities", 1, "城管局", ["住建局"],
                  "实地查看公园广场的设施完好、公共空间占用和安全警示。", ["公园", "广场"], [
                      ("座椅、护栏、照明等设施完好", "Benches, railings and lights are intact", 0.2),
                      ("无私搭乱建、无商业侵占公共空间",
                       "No makeshift structures or commercial encroachment on public space", 0.25),
                      ("导览图和警示标识设置规范", "Maps and warning signs are in place", 0.15),
                      ("水体周边设有安全警示和救生设施",
                       "Water edges have warning signs and life-saving equipment", 0.2),
                  ]),
            field("城市公共设施", "Street furniture and utilities", 0.5, "城管局", ["住建局"],
                  "实地查看消火栓、电力通信设施、空中线缆和路名牌。",
                  ["主干道", "背街小巷", "广场", "商业大街"], [
                      ("消火栓、电力和通信设施完好，无倾斜破损",
                       "Hydrants and power and telecom cabinets are intact and upright", 0.15),
                      ("空中线缆规范，无乱拉乱挂", "Overhead cables are orderly", 0.15),
                      ("路名牌、导向牌完好准确", "Street-name and direction signs are intact and correct", 0.1),
                  ]),
        ]),
        ("公共卫生与健康", "Public health", [
            field("病媒生物防制", "Pest and vector control", 1.25, "卫健委", ["城管局", "市场监管局", STREETS],
                  "实地查看鼠、蚊、蝇、蟑螂的孳生地和防制设施。",
                  ["农贸市场", "背街小巷", "公厕", "社区", "建筑工地", "商业大街"], [
                      ("无明显鼠迹、鼠洞", "No visible rat signs or burrows", 0.25),
                      ("无蚊蝇孳生积水", "No standing water breeding mosquitoes or flies", 0.25),
                      ("挡鼠板、纱窗、灭蝇灯等防制设施完好",
                       "Rat guards, screens and fly lamps are intact", 0.2, ["农贸市场", "商业大街", "公厕"]),
                      ("无蟑螂活动痕迹", "No sign of cockroach activity", 0.2, ["农贸市场", "商业大街"]),
                  ]),
            material("卫生城市与健康城市建设", "Sanitary city and healthy city work", 0.75, "卫健委", [DISTRICTS],
                     "审核国家卫生城市复审、健康城市建设和爱国卫生运动的工作材料。"),
            survey("医疗卫生服务满意度", "Satisfaction with healthcare", 0.75, "卫健委", ["医保局"],
                   "抽样调查市民对看病就医和公共卫生服务的满意程度。", "Q_SAT_HEALTH"),
        ]),
        ("城市管理与群众满意", "City management and public satisfaction", [
            survey("生活环境满意度", "Satisfaction with the living environment", 1, "城管局",
                   ["住建局", "生态环境局", DISTRICTS], "抽样调查市民对市容环境和生活环境的满意程度。",
                   "Q_SAT_LIVING"),
            field("非机动车停放秩序", "Bicycle and e-bike parking", 0.75, "城管局", ["交通局", "公安局"],
                  "实地查看非机动车和共享单车的停放秩序与停放区设置。",
                  ["主干道", "公交站", "商业大街", "车站码头"], [
                      ("非机动车在停放区内有序停放", "Bikes are parked in order inside marked zones", 0.2),
                      ("共享单车无堆积、无倒伏、不占盲道",
                       "Shared bikes are not piled up, toppled or on tactile paving", 0.2),
                      ("施划非机动车停放区并设标识", "Bike parking zones are marked and signed", 0.15),
                  ]),
            material("城市管理执法规范", "Standards of city management enforcement", 0.75, "城管局", ["司法局"],
                     "审核城市管理执法制度、执法人员培训持证和文明执法情况的材料。"),
        ]),
    ]),
    ("可持续发展的生态环境", "Sustainable ecological environment", [
        ("环境质量", "Environmental quality", [
            statistic("空气质量优良天数比率", "Share of days with good air quality", 1.5, "生态环境局",
                      ["住建局", "交通局", "公安局"], "统计期内环境空气质量优良天数占有效监测天数的比例（%）。",
                      "air_good_days_ratio", 85, bound=60),
            statistic("地表水达到或好于Ⅲ类水体比例", "Share of surface water at Class III or better", 1,
                      "生态环境局", ["水务局", "农业农村局"], "国控、省控断面中水质达到或好于Ⅲ类的比例（%）。",
                      "surface_water_good_ratio", 80, bound=50),
            statistic("细颗粒物（PM2.5）平均浓度", "Average PM2.5 concentration", 1, "生态环境局",
                      ["住建局", "交通局"], "统计期内细颗粒物平均浓度（微克/立方米），越低越好。",
                      "pm25_concentration", 35, "lower", 70),
        ]),
        ("资源节约", "Resource conservation", [
            statistic("单位GDP能耗", "Energy use per unit of GDP", 1, "发改委", ["工信局", "统计局"],
                      "统计年度能源消费总量与地区生产总值之比（吨标准煤/万元），越低越好。", "energy_per_gdp",
                      0.45, "lower", 0.9),
            statistic("城市生活污水集中处理率", "Urban sewage treatment rate", 1, "水务局", ["住建局"],
                      "城市生活污水经集中处理的比例（%）。", "sewage_treatment_rate", 97, bound=80),
            statistic("生活垃圾无害化处理率", "Harmless treatment rate of household waste", 0.75, "城管局",
                      ["生态环境局"], "城市生活垃圾无害化处理量占清运量的比例（%）。", "garbage_harmless_rate",
                      99, bound=85),
        ]),
        ("城市生态建设", "Urban ecology", [
            statistic("建成区绿化覆盖率", "Green coverage of the built-up area", 0.75, "住建局", ["城管局"],
                      "城市建成区绿化覆盖面积占建成区面积的比例（%）。", "green_coverage_ratio", 41, bound=30),
            statistic("人均公园绿地面积", "Park area per capita", 0.75, "住建局", ["城管局"],
                      "城区人均公园绿地面积（平方米/人）。", "park_area_per_capita", 14.8, bound=8),
            field("绿地养护", "Green space maintenance", 1.25, "城管局", ["住建局", DISTRICTS],
                  "实地查看公园、广场和道路绿地的卫生、长势和侵占情况。", ["公园", "广场", "主干道"], [
                      ("绿地内无垃圾、无杂草丛生", "Green spaces are free of litter and overgrown weeds", 0.25),
                      ("花草树木长势良好，无枯死缺株", "Plants are healthy, with no dead or missing trees", 0.2),
                      ("绿地无侵占、无黄土裸露", "Green space is not encroached and has no bare soil", 0.25),
                      ("行道树树池完好，无堆物", "Street-tree pits are intact and uncluttered", 0.15, ["主干道"]),
                  ]),
            field("河湖水体环境", "Rivers and lakes", 1, "水务局", ["生态环境局", "城管局"],
                  "实地查看公园和景区水体的水面、水质和岸坡。", ["公园", "景区"], [
                      ("水面无漂浮垃圾、无油污", "No floating rubbish or oil on the water", 0.25),
                      ("水体无黑臭、无异味", "The water is not black or malodorous", 0.3),
                      ("岸坡整洁，无垃圾倾倒和排污口直排",
                       "Banks are clean, with no dumping or direct sewage discharge", 0.25),
                  ]),
        ]),
        ("污染防治与垃圾分类", "Pollution control and waste sorting", [
            statistic("生活垃圾分类覆盖率", "Household waste sorting coverage", 1, "城管局", [DISTRICTS, STREETS],
                      "实行生活垃圾分类的居民小区占全部居民小区的比例（%）。", "garbage_sorting_coverage", 90,
                      bound=40),
            field("垃圾分类投放设施", "Waste sorting points", 1, "城管局", ["教育局", "机关事务局", STREETS],
                  "实地查看垃圾分类投放点的设置、投放准确和周边卫生。",
                  ["社区", "学校", "窗口单位", "公园", "商业大街"], [
                      ("分类投放点设置规范，桶体分类标识清楚",
                       "Sorting points are set up properly with clearly labelled bins", 0.25),
                      ("分类投放正确，无混投", "Waste is sorted correctly, not mixed", 0.2),
                      ("投放点周边干净，无满溢、无异味", "The point is clean, not overflowing or smelly", 0.2),
                      ("设有垃圾分类宣传指引", "Sorting guidance is posted", 0.1),
                  ]),
            field("扬尘与噪声污染防治", "Dust and noise control", 1, "生态环境局", ["住建局", "城管局", "公安局"],
                  "实地查看施工扬尘、夜间施工噪声、道路扬尘和露天焚烧。", ["建筑工地", "主干道", "商业大街"], [
                      ("施工现场湿法作业，无明显扬尘", "Wet methods on site; no visible dust", 0.25,
                       ["建筑工地"]),
                      ("无违规夜间施工噪声扰民", "No unauthorised night-time construction noise", 0.25,
                       ["建筑工地"]),
                      ("道路机械化清扫保洁，无明显扬尘", "Roads are machine-swept; no visible dust", 0.2,
                       ["主干道", "商业大街"]),
                      ("无露天烧烤、焚烧垃圾", "No open-air barbecues or waste burning", 0.2,
                       ["主干道", "商业大街"]),
                  ]),
        ]),
    ]),
    ("扎实有效的创建活动", "Solid and effective campaign work", [
        ("组织领导", "Organisation and leadership", [
            material("创建领导机制", "Campaign leadership structure", 1, "文明办", [DISTRICTS],
                     "审核创建领导小组、指挥部及其办公室的组建文件、分工和会议纪要。"),
            material("创建工作方案与任务分解", "Work plan and task breakdown", 1, "文明办", [DEPARTMENTS, DISTRICTS],
                     "审核年度创建工作方案、任务分解清单和时间节点安排。"),
            material("创建经费保障", "Campaign funding", 0.75, "财政局", ["文明办"],
                     "审核创建专项经费的预算、拨付和使用情况。"),
            material("督查考核与问题整改", "Supervision, assessment and rectification", 1, "文明办", [DISTRICTS],
                     "审核日常督查、暗访通报、问题整改销号和考核奖惩记录。"),
        ]),
        ("宣传发动", "Publicity and mobilisation", [
            survey("创建知晓率", "Public awareness of the campaign", 1.5, "文明办", ["宣传部", DISTRICTS],
                   "抽样调查市民是否知道本市正在创建全国文明城市，以“知道”计。", "Q_AWARE", ["know"],
                   [[0.6, 0], [0.95, 1]]),
            survey("创建支持率", "Public support for the campaign", 1.5, "文明办", ["宣传部", DISTRICTS],
                   "抽样调查市民对创建工作的态度，以“支持”“非常支持”计。", "Q_SUPPORT",
                   ["support", "strongly_support"], [[0.7, 0], [0.95, 1]]),
            material("新闻媒体宣传", "Media coverage", 0.5, "宣传部", ["融媒体中心"],
                     "审核主流媒体创建专栏、报道数量和曝光整改栏目的记录。"),
            survey("创建工作满意度", "Satisfaction with the campaign's results", 1, "文明办", [DISTRICTS],
                   "抽样调查市民对创建工作成效的满意程度。", "Q_SAT_CAMPAIGN"),
        ]),
        ("基础工作", "Groundwork", [
            material("创建台账资料", "Campaign records", 0.75, "文明办", [DEPARTMENTS],
                     "审核按测评体系分项整理的台账资料是否齐全、真实、规范。"),
            material("群众性精神文明创建", "Mass civility campaigns", 0.5, "文明办", [DISTRICTS, "妇联"],
                     "审核文明单位、文明村镇、文明家庭、文明校园的创建和动态管理材料。"),
            material("“我们的节日”主题活动", "'Our Festivals' activities", 0.5, "文明办", ["文旅局", "教育局"],
                     "审核围绕传统节日开展主题活动的方案、记录和影像资料。"),
        ]),
    ]),
]


def plain_number(x):
    """Whole numbers print without a fraction (1 rather than 1.0)."""
    return int(x) if isinstance(x, float) and x.is_integer() else x


def build():
    aspects = []
    for a, (aname, aname_en, indicators) in enumerate(ASPECTS, 1):
        acode = f"A{a}"
        out_indicators = []
        for i, (iname, iname_en, items) in enumerate(indicators, 1):
            icode = f"{acode}.{i}"
            out_items = []
            for k, item in enumerate(items, 1):
                code = f"{icode}.{k}"
                out = {"code": code}
                for key, value in item.items():
                    if key == "checks":
                        value = [{"code": f"{code}-{n}", "text": c["text"], "text_en": c["text_en"],
                                  "deduct": plain_number(c["deduct"]), "site_types": c["site_types"]}
                                 for n, c in enumerate(value, 1)]
                    elif key in ("max_score", "target", "floor", "ceiling"):
                        value = plain_number(value)
                    out[key] = value
                out_items.append(out)
            out_indicators.append({"code": icode, "name": iname, "name_en": iname_en, "items": out_items})
        aspects.append({"code": acode, "name": aname, "name_en": aname_en, "indicators": out_indicators})
    return {
        "code": "national-2026",
        "name": "全国文明城市测评体系（示范版）",
        "name_en": "National Civilized City Evaluation Framework (demonstration edition)",
        "version": 1,
        "grades": {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.0},
        "site_types": [{"code": c, "name_en": e} for c, e in zip(ALL_SITES, SITE_NAMES_EN)],
        "questions": [{"code": q, "text": t, "text_en": te,
                       "options": [{"value": v, "label": l, "label_en": le} for v, l, le in opts]}
                      for q, t, te, opts in QUESTIONS],
        "negative_list": [{"code": f"N{n}", "name": name, "name_en": name_en, "deduct": plain_number(d),
                           "disqualify": dq} for n, (name, name_en, d, dq) in enumerate(NEGATIVE_LIST, 1)],
        "aspects": aspects,
    }

METHOD_ZH = {"field": "实地", "survey": "问卷", "statistic": "数据", "material": "材料"}


def markdown_tables(fw):
    """The tables of docs/framework.md, in the order they appear there, separated by blank lines."""
    items = [x for a in fw["aspects"] for i in a["indicators"] for x in i["items"]]

    def split(its):
        return " / ".join(str(sum(1 for x in its if x["method"] == m)) for m in METHOD_ZH)

    out = ["| 代码 Code | 测评项目 Aspect | 指标 Indicators | 测评内容 Items | 分值 Points | 实地 / 问卷 / 数据 / 材料 |",
           "|---|---|---:|---:|---:|---|"]
    for a in fw["aspects"]:
        its = [x for i in a["indicators"] for x in i["items"]]
        out.append(f"| {a['code']} | {a['name']}<br>{a['name_en']} | {len(a['indicators'])} | {len(its)} | "
                   f"{sum(x['max_score'] for x in its):g} | {split(its)} |")
    n_indicators = sum(len(a["indicators"]) for a in fw["aspects"])
    out.append(f"| | **合计 Total** | **{n_indicators}** | **{len(items)}** | "
               f"**{sum(x['max_score'] for x in items):g}** | **{split(items)}** |")
    for a in fw["aspects"]:
        out += ["", f"### {a['code']} {a['name']} / {a['name_en']}", "",
                "| 指标 Indicator | 测评内容（分值，方法） Items (points, method) |", "|---|---|"]
        for i in a["indicators"]:
            cells = "；".join(f"{x['code']} {x['name']}（{x['max_score']:g}，{METHOD_ZH[x['method']]}）"
                             for x in i["items"])
            out.append(f"| {i['code']} {i['name']}<br>{i['name_en']} | {cells} |")
    field_items = [x for x in items if x["method"] == "field"]
    out += ["", "| 点位类型 Site type | 适用的测评内容 Field items | 测评标准条数 Checks |", "|---|---|---:|"]
    for t in fw["site_types"]:
        applying = [x["code"] for x in field_items
                    if any(not c.get("site_types") or t["code"] in c["site_types"] for c in x["checks"])]
        n_checks = sum(1 for x in field_items for c in x["checks"]
                       if not c.get("site_types") or t["code"] in c["site_types"])
        out.append(f"| {t['code']}<br>{t['name_en']} | {'、'.join(applying)} | {n_checks} |")
    questions = {q["code"]: q for q in fw["questions"]}
    out += ["", "| 问题 Question | 题目 | 计为正向的回答 positive | 曲线（比率→得分比例） curve | 测评内容 Item |",
            "|---|---|---|---|---|"]
    for x in items:
        if x["method"] == "survey":
            q = questions[x["question"]]
            labels = {o["value"]: o["label"] for o in q["options"]}
            curve = "，".join(f"{r:g}→{f:g}" for r, f in x["curve"])
            out.append(f"| `{x['question']}` | {q['text']} | {'、'.join(labels[v] for v in x['positive'])} | "
                       f"{curve} | {x['code']} {x['name']} |")
    out += ["", "| 指标 metric | 测评内容 Item | 方向 Direction | 目标 Target | 下限 / 上限 Floor / ceiling |",
            "|---|---|---|---:|---:|"]
    for x in items:
        if x["method"] == "statistic":
            bound = f"floor {x['floor']:g}" if "floor" in x else f"ceiling {x['ceiling']:g}"
            direction = "越高越好 higher" if x["direction"] == "higher" else "越低越好 lower"
            out.append(f"| `{x['metric']}` | {x['code']} {x['name']} | {direction} | {x['target']:g} | "
                       f"{bound} |")
    out += ["", "| 代码 Code | 事件 Event | 扣分 Deduct | 一票否决 Disqualify |", "|---|---|---:|---|"]
    for n in fw["negative_list"]:
        out.append(f"| {n['code']} | {n['name']}<br>{n['name_en']} | {n['deduct']:g} | "
                   f"{'是 yes' if n['disqualify'] else '否 no'} |")
    return "\n".join(out) + "\n"


def main():
    text = json.dumps(build(), ensure_ascii=False, indent=2) + "\n"
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "default.json")
    if len(sys.argv) > 1 and sys.argv[1] == "--tables":
        print(markdown_tables(build()), end="")
        return 0
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        with open(path, encoding="utf-8") as f:
            same = f.read() == text
        print("default.json is up to date" if same else "default.json differs from build_default.py")
        return 0 if same else 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
